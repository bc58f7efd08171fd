// Accessibility helpers of the console's browser tests: axe-core run in the page, the list of the
// console's routes read from its route files (so a page added without being scanned fails the
// test), keyboard-only moves, and a phone-width check of sideways scrolling.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const axeSource = readFileSync(axePath, 'utf8');
export const AXE_VERSION = require('axe-core/package.json').version;

/**
 * The rules run: WCAG 2.0/2.1 A and AA (what RGAA 4.1 rests on) and axe's best practices, with
 * axe-core's defaults otherwise (label-content-name-mismatch included since 4.x).
 */
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};

/** Impacts that fail the test (issue 12: « 0 serious or critical »). */
export const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now. Resolves to the violations, each flattened per node:
 * { rule, impact, target, page, summary }. axe is loaded through page.evaluate (the DevTools
 * protocol), so the console's Content-Security-Policy does not stand in the way.
 */
export async function axeScan(page, where) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object').catch(() => false);
  if (!loaded) await page.evaluate(`${axeSource}\n;void 0;`);
  const result = await page.evaluate(async (options) => {
    const r = await window.axe.run(document, options);
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), impact: n.impact ?? v.impact, summary: n.failureSummary ?? '' })),
    }));
  }, AXE_OPTIONS);
  const out = [];
  for (const v of result)
    for (const n of v.nodes)
      out.push({ rule: v.rule, impact: n.impact, target: n.target, page: where, help: v.help, summary: n.summary.replace(/\s+/g, ' ').slice(0, 300) });
  return out;
}

/**
 * The console's routes, read from app.routes.ts and features/<area>/<area>.routes.ts: every path
 * that loads a component, as '/agent/planning', '/hr/calendars/:id', '/login'… ('**' excluded,
 * redirects excluded).
 */
export function consoleRoutes(root = resolve('apps/console/src/app')) {
  const pages = (file) => {
    const text = readFileSync(file, 'utf8');
    const out = [];
    // each `path: '…'` up to the next path, keeping those that load a component
    const parts = text.split(/(?=\bpath:\s*')/);
    for (const part of parts) {
      const m = part.match(/^path:\s*'([^']*)'/);
      if (!m) continue;
      if (/loadComponent\s*:/.test(part) && m[1] !== '**' && m[1] !== '') out.push(m[1]);
    }
    return out;
  };
  const routes = pages(`${root}/app.routes.ts`).map((p) => `/${p}`);
  const app = readFileSync(`${root}/app.routes.ts`, 'utf8');
  for (const m of app.matchAll(/path:\s*'([^']+)'[^}]*?loadChildren:\s*\(\)\s*=>\s*import\('\.\/([^']+)'\)/g)) {
    for (const child of pages(`${root}/${m[2]}.ts`)) routes.push(`/${m[1]}/${child}`);
  }
  return routes;
}

/** The route pattern a concrete path belongs to ('/hr/calendars/1234…' → '/hr/calendars/:id'). */
export function routeOf(path, routes) {
  const clean = path.split(/[?#]/)[0];
  // literal routes first ('/hr/continuity/new' before '/hr/continuity/:id')
  const sorted = [...routes].sort((a, b) => (a.includes(':') ? 1 : 0) - (b.includes(':') ? 1 : 0));
  return sorted.find((r) => new RegExp(`^${r.replace(/:[^/]+/g, '[^/]+')}$`).test(clean)) ?? null;
}

/** Is `locator`'s element (or something inside it) the focused element? */
export async function hasFocus(locator) {
  return locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);
}

/** A short description of the focused element, for messages. */
export async function focusedName(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(body)';
    const label = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} « ${label.replace(/\s+/g, ' ').trim().slice(0, 60)} »`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until `locator` has the focus, at most `max` times. Throws, naming
 * where the focus went, when it is not reached: a keyboard user could not get there either.
 */
export async function tabTo(page, locator, { max = 60, backwards = false, what = 'the target' } = {}) {
  for (let i = 0; i < max; i++) {
    if (await hasFocus(locator)) return i;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  if (await hasFocus(locator)) return max;
  throw new Error(`keyboard: ${what} not reached in ${max} ${backwards ? 'Shift+Tab' : 'Tab'} (focus on ${await focusedName(page)})`);
}
