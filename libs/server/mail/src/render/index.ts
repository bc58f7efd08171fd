export * from './render-mail';
export { escapeHtml, halfDayWords, instantWords } from './words';
