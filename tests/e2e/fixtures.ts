import { expect, test as base } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const CSP_MARK = 'vistka-csp-violation:';

/**
 * The suite's `test`: every test also fails on any uncaught error in the page (which is how a
 * panic in the wasm shows up), on any Content Security Policy violation, and on any console
 * warning or error it does not expect by name, on every view the test visits. A healthy site
 * prints nothing; a test that provokes a message (a feed that fails, storage that throws)
 * names it first with `expectConsole(/…/)`.
 */
export const test = base.extend<{
  expectedConsole: RegExp[];
  expectConsole: (...expected: RegExp[]) => void;
  pageWatch: void;
}>({
  expectedConsole: async ({}, use) => {
    await use([]);
  },
  expectConsole: async ({ expectedConsole }, use) => {
    await use((...expected) => {
      expectedConsole.push(...expected);
    });
  },
  pageWatch: [
    async ({ page, expectedConsole }, use) => {
      const { errors, violations, messages } = await watchPage(page);
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(violations, 'Content Security Policy violations').toEqual([]);
      const unexpected = messages().filter((text) => !expectedConsole.some((pattern) => pattern.test(text)));
      expect(unexpected, 'console warnings and errors').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Collects, from now on, every uncaught error in `page`, every CSP violation it reports, and
 * every other console warning and error (`messages()`, read once the test is done). Left out
 * of those: Chromium's report of a page answered with 404, which is how the site answers a
 * path that is no built page (a wrong address, or an article newer than the build, which the
 * app then shows): by design, not a fault. A 404 for anything else (a picture, the feed) counts.
 */
export async function watchPage(page: Page) {
  const errors: string[] = [];
  const violations: string[] = [];
  const logged: { text: string; url: string }[] = [];
  const notFoundPages = new Set<string>();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() === 404 && response.request().isNavigationRequest()) notFoundPages.add(response.url());
  });
  page.on('console', (message) => {
    if (message.text().startsWith(CSP_MARK)) violations.push(message.text());
    else if (message.type() === 'error' || message.type() === 'warning') {
      logged.push({ text: message.text(), url: message.location().url });
    }
  });
  await page.addInitScript((mark) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.warn(`${mark} ${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
    });
  }, CSP_MARK);
  const messages = () =>
    logged
      .filter(({ text, url }) => !(text.includes('status of 404') && notFoundPages.has(url)))
      .map(({ text, url }) => (text.startsWith('Failed to load resource') ? `${text} ${url}` : text));
  return { errors, violations, messages };
}

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
  ['search', '/search?q=тиха', 'main .card mark'],
  ['not found', '/no-such-page', 'main h1'],
  ['embed', '/embed?count=5', '.embed-list li'],
] as const;

/** Waits until the app has taken the prerendered page over (src/boot.rs marks <html>). */
export const takenOver = (page: Page, timeout?: number) =>
  expect(page.locator('html')).toHaveClass(/\bapp\b/, { timeout });

/** The demo feed, public/feed.json, as an object to change. */
export const demoFeed = () => JSON.parse(readFileSync('public/feed.json', 'utf8'));

// An article published after the build: no page was prerendered for it, so the host answers
// 404.html and the app loads the feed itself, in front of the reader (the case where the
// loading state, the failure view and the retry still show). The item has no url, so its slug
// comes from the title.
export const FRESH = {
  id: 'fresh-1',
  title: 'Свіжа новина після збірки',
  date_published: '2024-11-24T09:00:00+02:00',
  content_html: '<p>Щойно опубліковано.</p>',
  tags: ['Громада'],
};
export const FRESH_PATH = '/article/svizha-novyna-pislia-zbirky';

/** The demo feed with the fresh article first. */
export const withFresh = () => {
  const demo = demoFeed();
  return { ...demo, items: [FRESH, ...demo.items] };
};

/** The fresh article has opened from the live feed, and the whole feed came with it. */
export async function expectFreshArticle(page: Page) {
  await expect(page.locator('main article h1')).toHaveText(FRESH.title);
  await expect(page.locator('.article-body')).toHaveText('Щойно опубліковано.');
  // The front page, reached in the app, lists the newest 20 items, the fresh one first.
  await page.locator('.site-name').click();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await expect(page.locator('main .card')).toHaveCount(20);
  await expect(page.locator('main .card-title').first()).toHaveText(FRESH.title);
}

/** `path` asking for the UI language `lang`. */
export const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

export { expect };
