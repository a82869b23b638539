import { expect, test as base } from '@playwright/test';
import type { Page } from '@playwright/test';

const CSP_MARK = 'vistka-csp-violation:';

/**
 * The suite's `test`: every test also fails on any uncaught error in the page (which is how a
 * panic in the wasm shows up) and on any Content Security Policy violation, on every view the
 * test visits.
 */
export const test = base.extend<{ pageWatch: void }>({
  pageWatch: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const violations: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.text().startsWith(CSP_MARK)) violations.push(message.text());
      });
      await page.addInitScript((mark) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.warn(`${mark} ${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
        });
      }, CSP_MARK);
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** Makes every localStorage read and write throw, as a blocked or sandboxed storage does. */
export async function refuseStorage(page: Page) {
  await page.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
  });
}

/** Serves `feed` in place of the demo's feed.json. */
export function serveFeed(page: Page, feed: unknown) {
  return page.route('**/feed.json', (route) => route.fulfill({ json: feed }));
}

/** The views every audit visits: name, path, and what shows once the view is ready. */
export const VIEWS = [
  ['listing', '/', 'main .card'],
  ['article', '/article/mist-cherez-tykhu-vidkryiut-do-zymy', 'main article h1'],
  ['category', '/category/kultura', 'main .card'],
  ['not found', '/no-such-page', 'main h1'],
  ['embed', '/embed?count=5', '.embed-list li'],
] as const;

/** `path` asking for the UI language `lang`. */
export const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

export { expect };
