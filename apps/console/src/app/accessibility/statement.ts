/**
 * The facts of the accessibility statement, measured by the console's browser test
 * (apps/console/e2e/real-api.mjs, axe-core on every page of every persona, keyboard-only flows,
 * 390 px). Update them when the test or its tools change; the date is the statement's.
 */
export const STATEMENT = {
  /** ISO date the statement was made (shown in the reader's language) */
  date: '2026-12-07',
  /** RGAA version the statement refers to */
  rgaa: '4.1',
  axeCore: '4.14.1',
  browser: 'Chromium (Debian), headless, driven by Playwright',
  /** routes of the console checked by the test (app.routes.ts and features/*\/*.routes.ts) */
  pages: 20,
  /** personas whose pages are checked */
  personas: 4,
} as const;
