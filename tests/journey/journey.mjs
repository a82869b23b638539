// A reader's journey through the release build, written once for every engine: the steps are
// functions over a small adapter (see `Adapter` below), so the same journey runs in Firefox
// (puppeteer-core over WebDriver BiDi, firefox.mjs) and in WebKit (selenium-webdriver over
// classic WebDriver, webkit.mjs), started by run.mjs, and in Chromium inside the Playwright
// suite (tests/e2e/journey.spec.ts).
//
// The steps, selectors and expectations are the Chromium suite's (tests/e2e/reader.spec.ts,
// consent.spec.ts, language.spec.ts, embed.spec.ts, deploy.spec.ts, prerender.spec.ts). They
// are restated here rather than imported: those specs are Playwright tests, built on its
// locators, auto-waiting `expect` and request routing, none of which classic WebDriver offers.
// So this journey keeps to what every driver can do: navigate, run a function in the page,
// click an element a function in the page returns, press a key, look inside a frame. No
// request is intercepted; every wait is a poll of a condition with a timeout.

/**
 * @typedef {object} Adapter
 * @property {string} engine                 'firefox' | 'webkit' | 'chromium'
 * @property {(url: string) => Promise<void>} goto      navigates; resolves once loaded
 * @property {() => Promise<void>} reload
 * @property {() => Promise<string>} url
 * @property {(fn: Function, ...args: unknown[]) => Promise<any>} evaluate
 *   runs `fn(...args)` in the top document (awaiting a returned promise); JSON in and out
 * @property {(fn: Function, ...args: unknown[]) => Promise<void>} click
 *   a real pointer click on the element `fn(...args)` returns in the top document
 * @property {(key: 'Enter' | 'Escape' | 'Tab') => Promise<void>} press
 *   a real key press, to whatever has focus
 * @property {(index: number, fn: Function, ...args: unknown[]) => Promise<any>} evaluateInFrame
 *   runs `fn(...args)` in the document of the top document's `index`-th iframe
 * @property {() => Promise<{ errors: string[], violations: string[] }>} problems
 *   uncaught errors and CSP violations reported by every page loaded so far
 * @property {() => void} forgetProblems
 */

export const TIMEOUT = 10_000;
/** The Chromium suite's desktop viewport, which every engine's journey browses at. */
export const VIEWPORT = { width: 1280, height: 900 };

const NEWEST = 'Міст через Тиху відкриють до зими';
const NEWEST_SLUG = 'mist-cherez-tykhu-vidkryiut-do-zymy';
const NOT_FOUND = 'Сторінку не знайдено';
const LISTING = 'Останні новини';

// ---- Functions that run in the page. Each is serialised on its own: no closures. ----

/** `selector`'s text, whitespace collapsed, as Playwright's toHaveText compares it; null if absent. */
const textOf = (selector) => {
  const el = document.querySelector(selector);
  return el ? el.textContent.replace(/\s+/g, ' ').trim() : null;
};
/** Every `selector`'s text, whitespace collapsed. */
const textsOf = (selector) =>
  [...document.querySelectorAll(selector)].map((el) => el.textContent.replace(/\s+/g, ' ').trim());
/** The first `selector` whose text is `text` (getByRole's name, for these controls). */
const withText = (selector, text) =>
  [...document.querySelectorAll(selector)].find((el) => el.textContent.replace(/\s+/g, ' ').trim() === text) ?? null;
const count = (selector) => document.querySelectorAll(selector).length;
/** Whether the app has taken the prerendered page over (src/boot.rs marks <html>). */
const takenOverNow = () => document.documentElement.classList.contains('app');
const scrollY = () => Math.round(window.scrollY);

// ---- Waiting and checking. ----

const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const show = (value) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value));

/**
 * Polls `fn(...args)` in the page until `ok(value)` holds, and returns that value; fails with
 * `what` and the last value after TIMEOUT.
 */
export async function until(page, what, ok, fn, ...args) {
  const deadline = Date.now() + TIMEOUT;
  let last;
  let error;
  for (;;) {
    try {
      last = await page.evaluate(fn, ...args);
      error = undefined;
      if (ok(last)) return last;
    } catch (caught) {
      // A navigation can tear the document down under a poll: try again until the deadline.
      error = caught;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: gave up after ${TIMEOUT / 1000} s; last ${error ? `error: ${error.message}` : `value: ${show(last)}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until `fn(...args)` returns `expected`. */
export const untilEqual = (page, what, expected, fn, ...args) =>
  until(page, `${what} should be ${show(expected)}`, (value) => equal(value, expected), fn, ...args);

const expectText = (page, selector, text) => untilEqual(page, `text of ${selector}`, text, textOf, selector);
const expectTakenOver = (page) => untilEqual(page, 'the app taking the page over (html.app)', true, takenOverNow);
const expectCount = (page, selector, n) => untilEqual(page, `count of ${selector}`, n, count, selector);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function untilUrl(page, expected) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const url = await page.url();
    if (expected instanceof RegExp ? expected.test(url) : url === expected) return url;
    if (Date.now() > deadline) throw new Error(`address should be ${expected}, is ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- The journey. ----

/**
 * The steps, in order, each `[name, async (page, site, state) => void]`. `site` holds the
 * origins; `state` carries what one step leaves to the next. The first five follow on from
 * each other on one page (visit, reject, reload, a card, back); every later step starts from an
 * address of its own, relying only on the choices made before it (consent rejected, the UI in
 * Ukrainian).
 */
export const STEPS = [
  [
    'first visit: the consent banner asks, nothing stored',
    async (page, { site }) => {
      await page.goto(`${site}/`);
      await untilEqual(page, 'the viewport', [VIEWPORT.width, VIEWPORT.height], () => [innerWidth, innerHeight]);
      await expectText(page, 'main h1', LISTING);
      await expectTakenOver(page);
      await expectCount(page, 'main .card', 20);
      await expectText(page, '.consent-banner #consent-title', 'Цей сайт використовує Cookies.');
      await untilEqual(page, 'the banner\'s buttons', ['Прийняти все', 'Відхилити все', 'Налаштування'], textsOf, '.consent-banner button');
      check(equal(await page.evaluate(() => Object.keys(localStorage)), []), 'localStorage should be empty before a choice');
      check(await page.evaluate(() => document.cookie) === '', 'no cookie before a choice');
    },
  ],
  [
    'reject all: remembered, focus moves to the content',
    async (page) => {
      await page.click(withText, '.consent-banner button', 'Відхилити все');
      await expectCount(page, '.consent-banner', 0);
      await untilEqual(page, 'the focused element\'s id', 'main', () => document.activeElement?.id);
      const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('vistka.consent')));
      check(saved?.analytics === false && saved?.media === false && saved?.version === 1, `stored record: ${show(saved)}`);
    },
  ],
  [
    'reload: the choice is kept, no banner',
    async (page) => {
      await page.reload();
      await expectText(page, 'main h1', LISTING);
      await expectTakenOver(page);
      await untilEqual(page, 'the footer\'s cookie settings button', true, (text) => [...document.querySelectorAll('footer button')].some((b) => b.textContent.trim() === text), 'Налаштування cookies');
      await expectCount(page, '.consent-banner', 0);
    },
  ],
  [
    'a card far down the listing leads to its article',
    async (page, _site, state) => {
      // Far down the listing: further than the article is long, so a naive restore would clamp.
      const { title, y } = await page.evaluate(() => {
        const card = document.querySelectorAll('main .card')[17];
        card.scrollIntoView({ block: 'center' });
        return { title: card.querySelector('.card-title a').textContent.replace(/\s+/g, ' ').trim(), y: Math.round(window.scrollY) };
      });
      check(y > 300, `scrolled to ${y}, should be past 300`);
      state.scrolledTo = y;
      state.title = title;
      await page.click(() => document.querySelectorAll('main .card')[17].querySelector('.card-title a'));
      await expectText(page, 'main h1', title);
      await untilEqual(page, 'focus on the headline', 'h1', () => document.activeElement?.tagName.toLowerCase());
      await expectText(page, '#route-announcer', `${title} — Вістка`);
      await untilEqual(page, 'scroll position', 0, scrollY);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      check(height < y, `the article (${height} px) should be shorter than the listing was scrolled (${y} px)`);
    },
  ],
  [
    'back: the listing at the same place',
    async (page, _site, state) => {
      // history.back(), not the driver's Back: WebKit's and Chromium's "back" skip history
      // entries pushed without a user gesture, and a driver's click may not count as one.
      await page.evaluate(() => history.back());
      await expectText(page, 'main h1', LISTING);
      await expectText(page, '#route-announcer', `${LISTING} — Вістка`);
      await until(page, `scroll back near ${state.scrolledTo}`, (y) => Math.abs(y - state.scrolledTo) <= 5, scrollY);
    },
  ],
  [
    'a deep link to an article, and its reload',
    async (page, { site }) => {
      await page.goto(`${site}/article/${NEWEST_SLUG}`);
      await expectText(page, 'main h1', NEWEST);
      await expectTakenOver(page);
      await expectText(page, 'main article h1', NEWEST);
      await untilEqual(page, 'the title', `${NEWEST} — Вістка`, () => document.title);
      await expectText(page, 'main article .byline time', 'субота, 23 листопада 2024 р.');
      await expectText(page, 'main article .badge', 'Громада');
      await expectCount(page, 'main article .article-body li', 3);
      await expectCount(page, 'aside.fresh-posts li', 5);
      await untilEqual(page, 'the lead image loaded', true, () => {
        const img = document.querySelector('main article .lead-image img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      await page.reload();
      await expectText(page, 'main h1', NEWEST);
      await expectTakenOver(page);
      await expectText(page, 'main article h1', NEWEST);
    },
  ],
  [
    'a category from its badge, then the listing\'s page 2',
    async (page, { site }) => {
      await page.goto(`${site}/`);
      await expectTakenOver(page);
      await page.click(() => document.querySelector('main .card .badge'));
      await untilUrl(page, `${site}/category/hromada`);
      await expectText(page, 'main h1', 'Громада');
      await untilEqual(page, 'the title', 'Громада — Вістка', () => document.title);
      await expectText(page, 'nav.sections a[aria-current="page"]', 'Громада');
      const badges = await page.evaluate(textsOf, 'main .card .badge');
      check(badges.length >= 5 && badges.every((b) => b === 'Громада'), `badges: ${show(badges)}`);
      // The demo's categories are shorter than a page: page 2 is the listing's.
      await page.click(() => document.querySelector('.site-name'));
      await expectText(page, 'main h1', LISTING);
      await until(page, '"Сторінка 1 з 2" in the pagination', (t) => t?.includes('Сторінка 1 з 2'), textOf, '.pagination');
      await page.click(() => [...document.querySelectorAll('.pagination a')].find((a) => a.textContent.includes('Старіші')));
      await untilUrl(page, `${site}/page/2`);
      await expectCount(page, 'main .card', 13);
      await until(page, '"Сторінка 2 з 2" in the pagination', (t) => t?.includes('Сторінка 2 з 2'), textOf, '.pagination');
      await untilEqual(page, 'the title', 'Останні новини (Сторінка 2) — Вістка', () => document.title);
      await page.click(() => [...document.querySelectorAll('.pagination a')].find((a) => a.textContent.includes('Новіші')));
      await untilUrl(page, `${site}/`);
      await expectText(page, 'main .card .card-title', NEWEST);
    },
  ],
  [
    'unknown paths show the not-found view, with a way home',
    async (page, { site }) => {
      for (const path of ['/no/such/page', '/article/no-such-article', '/page/3']) {
        await page.goto(`${site}${path}`);
        await expectTakenOver(page);
        await expectText(page, 'main h1', NOT_FOUND);
      }
      await page.click(withText, 'main a', 'На головну');
      await expectText(page, 'main h1', LISTING);
      await untilUrl(page, `${site}/`);
    },
  ],
  [
    'cookie settings opened and closed from the keyboard',
    async (page) => {
      await page.evaluate(() => [...document.querySelectorAll('footer button')].find((b) => b.textContent.trim() === 'Налаштування cookies').focus());
      await page.press('Enter');
      await untilEqual(page, 'the dialog open', true, () => document.querySelector('dialog.consent-dialog')?.open);
      await expectText(page, 'dialog.consent-dialog h2', 'Налаштування cookies');
      await untilEqual(page, 'focus inside the dialog', true, () => document.activeElement?.closest('dialog') !== null);
      check((await page.evaluate(() => document.querySelector('#consent-analytics').checked)) === false, 'analytics should be off, as rejected');
      // Tab stays inside the modal dialog.
      await page.press('Tab');
      await untilEqual(page, 'focus still inside the dialog after Tab', true, () => document.activeElement?.closest('dialog') !== null);
      await page.press('Escape');
      await untilEqual(page, 'the dialog closed', false, () => document.querySelector('dialog.consent-dialog')?.open);
      await untilEqual(page, 'focus back on the footer button', 'Налаштування cookies', () =>
        document.activeElement?.closest('footer') ? document.activeElement.textContent.trim() : String(document.activeElement?.outerHTML).slice(0, 80),
      );
    },
  ],
  [
    'the language switch: every UI string, focus kept, remembered',
    async (page, { site }) => {
      await page.goto(`${site}/`);
      await expectTakenOver(page);
      await untilEqual(page, 'the page in Ukrainian', ['uk', 'English'], () => [document.documentElement.lang, document.querySelector('.site-header button.lang-switch')?.textContent.trim()]);
      await page.evaluate(() => document.querySelector('.site-header button.lang-switch').focus());
      await page.press('Enter');
      await untilEqual(page, 'the page in English', ['en', 'Українська', 'uk'], () => {
        const button = document.querySelector('.site-header button.lang-switch');
        return [document.documentElement.lang, button?.textContent.trim(), button?.lang];
      });
      await untilEqual(page, 'focus kept on the switch', true, () => document.activeElement?.classList.contains('lang-switch'));
      await expectText(page, 'main h1', 'Latest news');
      await until(page, 'the title in English', (t) => t.startsWith('Latest news'), () => document.title);
      await until(page, 'the footer in English', (t) => t?.includes('Cookie settings'), textOf, '.site-footer');
      // Articles keep their own language.
      await untilEqual(page, 'the first card, still Ukrainian', 'uk', () => document.querySelector('main .card')?.lang);
      await page.click(() => document.querySelector('main .card .card-title a'));
      await expectText(page, '.fresh-posts h2', 'Fresh posts');
      await page.reload();
      await expectTakenOver(page);
      await expectText(page, '.fresh-posts h2', 'Fresh posts');
      // And back to Ukrainian, which the steps after this one expect.
      await page.click(() => document.querySelector('.site-header button.lang-switch'));
      await expectText(page, '.fresh-posts h2', 'Свіжі дописи');
      await page.reload();
      await expectTakenOver(page);
      await expectText(page, '.fresh-posts h2', 'Свіжі дописи');
      await untilEqual(page, 'the page in Ukrainian', 'uk', () => document.documentElement.lang);
    },
  ],
  [
    '/embed on a partner page, each frame as tall as its content',
    async (page, { site, partner }) => {
      await page.goto(`${partner}/`);
      await untilEqual(page, 'the two frames', [`${site}/embed?id=vistka-0`, `${site}/embed?id=vistka-1&count=3&category=kultura&lang=en&theme=dark`], () =>
        [...document.querySelectorAll('iframe')].map((frame) => frame.getAttribute('src')),
      );
      const inFrame = (index, what, expected, fn, ...args) =>
        untilFrame(page, index, `frame ${index}: ${what}`, expected, fn, ...args);
      await inFrame(0, 'its list', [5, LISTING, 'uk', 0], () => [
        document.querySelectorAll('.embed-list li').length,
        document.querySelector('.embed-title')?.textContent.trim(),
        document.documentElement.lang,
        document.querySelectorAll('.consent-banner').length,
      ]);
      await inFrame(1, 'its list', [3, 'Культура', 'en', true], () => [
        document.querySelectorAll('.embed-list li').length,
        document.querySelector('.embed-title')?.textContent.trim(),
        document.documentElement.lang,
        (document.querySelector('.embed-more')?.textContent ?? '').includes('More news'),
      ]);
      // Each frame is as tall as its content, give or take a pixel.
      for (const index of [0, 1]) {
        const deadline = Date.now() + TIMEOUT;
        for (;;) {
          const outer = await page.evaluate((i) => document.querySelectorAll('iframe')[i].getBoundingClientRect().height, index);
          const inner = await page.evaluateInFrame(index, () => Math.ceil(document.querySelector('.embed-widget').getBoundingClientRect().height));
          if (Math.abs(outer - inner) <= 1) break;
          if (Date.now() > deadline) throw new Error(`frame ${index} is ${outer} px tall, its content ${inner} px`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      // The partner's own styles and scripts are untouched.
      await untilEqual(page, 'the partner\'s own page', ['rgb(0, 100, 0)', 'rgb(250, 240, 200)', 'mine'], () => [
        getComputedStyle(document.querySelector('h1')).color,
        getComputedStyle(document.body).backgroundColor,
        window.partnerState,
      ]);
    },
  ],
  [
    'the /news/ build: links, requests and deep links under the sub-path',
    async (page, { news }) => {
      const ARTICLE = `article/${NEWEST_SLUG}`;
      await page.goto(news);
      await expectTakenOver(page);
      await expectCount(page, 'main .card', 20);
      await untilEqual(page, 'the first card\'s link', `/news/${ARTICLE}`, () => document.querySelector('main .card-title a').getAttribute('href'));
      const paths = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
      check(paths.includes('/news/feed.json'), `the feed should come from /news/feed.json: ${show(paths)}`);
      const outside = paths.filter((path) => !path.startsWith('/news/'));
      check(outside.length === 0, `requests outside /news/: ${show(outside)}`);
      await page.click(() => document.querySelector('main .card-title a'));
      await untilUrl(page, `${news}${ARTICLE}`);
      await expectText(page, 'main article h1', NEWEST);
      await page.reload();
      await expectText(page, 'main article h1', NEWEST);
      await expectTakenOver(page);
      await page.click(() => document.querySelector('main article .badge'));
      await untilUrl(page, `${news}category/hromada`);
      await expectText(page, 'nav.sections a[aria-current="page"]', 'Громада');
      await page.goto(`${news}no-such-page`);
      await expectTakenOver(page);
      await expectText(page, 'main h1', NOT_FOUND);
      await page.click(withText, 'main a', 'На головну');
      await untilUrl(page, news);
      await expectText(page, 'main h1', LISTING);
    },
  ],
  [
    'a prerendered page is taken over without a change of text',
    async (page, { site }) => {
      // The page as nginx serves it, read by the browser's own parser, against the same page
      // once the app has taken it over: the same words in <main>. (Chromium's suite also
      // holds the feed back and measures layout shift; the Layout Instability API is
      // Chromium's only, and classic WebDriver cannot hold a request.)
      for (const path of ['/', `/article/${NEWEST_SLUG}`]) {
        await page.goto(`${site}${path}`);
        await expectTakenOver(page);
        const [built, live] = await page.evaluate(async () => {
          const html = await (await fetch(location.href)).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const words = (main) => main.textContent.replace(/\s+/g, ' ').trim();
          return [words(doc.querySelector('main')), words(document.querySelector('main'))];
        });
        check(built.length > 200, `${path}: the page as built should hold the view, has ${built.length} characters`);
        check(built === live, `${path}: the text in <main> changed on takeover:\n  built: ${built.slice(0, 300)}\n  live:  ${live.slice(0, 300)}`);
      }
    },
  ],
  [
    'no uncaught error and no CSP violation on any page',
    async (page) => {
      const { errors, violations } = await page.problems();
      check(errors.length === 0, `uncaught errors: ${show(errors)}`);
      check(violations.length === 0, `CSP violations: ${show(violations)}`);
    },
  ],
  [
    'the CSP is in force, and a violation is seen',
    async (page, { site }) => {
      // Proof that the previous step could have failed: an inline script injected into the
      // page is refused, and the engine's securitypolicyviolation event reaches the listener
      // the adapter collects with.
      await page.goto(`${site}/`);
      await expectTakenOver(page);
      const refused = await page.evaluate(
        () =>
          new Promise((resolve) => {
            document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
            const script = document.createElement('script');
            script.textContent = 'window.injected = true;';
            document.head.append(script);
          }),
      );
      check(/^script-src/.test(refused), `the violated directive should be script-src…, is ${show(refused)}`);
      // typeof: classic WebDriver returns undefined as null.
      check((await page.evaluate(() => typeof window.injected)) === 'undefined', 'the injected script ran');
      const deadline = Date.now() + TIMEOUT;
      while (!(await page.problems()).violations.some((v) => v.includes('script-src'))) {
        if (Date.now() > deadline) throw new Error('the adapter did not collect the violation');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      page.forgetProblems();
    },
  ],
];

async function untilFrame(page, index, what, expected, fn, ...args) {
  const deadline = Date.now() + TIMEOUT;
  let last;
  for (;;) {
    try {
      last = await page.evaluateInFrame(index, fn, ...args);
      if (equal(last, expected)) return last;
    } catch (error) {
      last = `error: ${error.message}`;
    }
    if (Date.now() > deadline) throw new Error(`${what} should be ${show(expected)}, is ${show(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs every step in order on `page`, timing each, and returns the results. A failed step
 * does not stop the journey: the ones after it are still run, and reported on their own.
 */
export async function runJourney(page, site, log = console.log) {
  const state = {};
  const results = [];
  for (const [name, step] of STEPS) {
    const started = Date.now();
    try {
      await step(page, site, state);
      results.push({ name, ok: true, ms: Date.now() - started });
      log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      // A driver's error may have no message of its own (a session gone, say): its name then.
      const message = error.message || String(error);
      results.push({ name, ok: false, ms: Date.now() - started, error: message });
      log(`  ✗ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n      ${message.replaceAll('\n', '\n      ')}`);
    }
  }
  return results;
}
