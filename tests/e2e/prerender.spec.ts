import type { Page } from '@playwright/test';
import { newsPort } from '../../playwright.config';
import { demoFeed, expect, FRESH, FRESH_PATH, serveFeed, takenOver, test } from './fixtures';

// Every URL is a real page (issue 12): the HTML nginx serves, read without a browser and with
// JavaScript off; and the app taking over that page without the reader noticing.

const NEWEST = 'Міст через Тиху відкриють до зими';
const NEWEST_SLUG = 'mist-cherez-tykhu-vidkryiut-do-zymy';

/** The text a reader sees in `main`, whitespace collapsed. */
const mainText = (page: Page) =>
  page.locator('main').evaluate((main) => (main as HTMLElement).innerText.replace(/\s+/g, ' ').trim());

test.describe('the raw HTML, as a crawler or a link preview reads it', () => {
  test('the front page holds the whole listing', async ({ request }) => {
    const response = await request.get('/');
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('<title>Останні новини — Вістка</title>');
    expect(html.match(/class="card"/g)).toHaveLength(20);
    expect(html.match(/class="read-more"/g)).toHaveLength(20);
    expect(html).toContain(`href="/article/${NEWEST_SLUG}"`);
    expect(html).toContain('субота, 23 листопада 2024 р.');
    expect(html).toContain('rel="next" href="/page/2"');
    for (const absent of ['skeleton', 'aria-busy', 'consent-banner']) expect(html).not.toContain(absent);
  });

  test('an article holds its headline, byline, body and the fresh posts', async ({ request }) => {
    const response = await request.get(`/article/${NEWEST_SLUG}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<title>${NEWEST} — Вістка</title>`);
    expect(html).toContain(`<h1>${NEWEST}</h1>`);
    expect(html).toContain('class="byline"');
    expect(html).toContain('Час читання');
    expect(html).toContain('Пішохідний міст через річку Тиху');
    expect(html).toContain('Свіжі дописи');
  });

  test('a category and the second page are pages of their own', async ({ request }) => {
    const category = await (await request.get('/category/kultura')).text();
    expect(category).toContain('<h1 class="page-title">Культура</h1>');
    expect(category).toContain('aria-current="page"');
    const second = await request.get('/page/2');
    expect(second.status()).toBe(200);
    const html = await second.text();
    expect(html.match(/class="card"/g)).toHaveLength(13);
    expect(html).toContain('rel="prev" href="/"');
  });

  test('a path that is no view answers 404 with the not-found view', async ({ request }) => {
    for (const path of ['/no-such-thing', '/article/no-such-article', '/page/9']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      const html = await response.text();
      expect(html, path).toContain('Сторінку не знайдено');
      expect(html, path).toContain('data-prerendered="fallback"');
    }
  });

  test('under /news/ every page and link has the sub-path', async ({ playwright }) => {
    const news = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${newsPort}` });
    const front = await news.get('/news/');
    expect(front.status()).toBe(200);
    const html = await front.text();
    expect(html.match(/class="card"/g)).toHaveLength(20);
    expect(html).toContain(`href="/news/article/${NEWEST_SLUG}"`);
    const article = await news.get(`/news/article/${NEWEST_SLUG}`);
    expect(article.status()).toBe(200);
    expect(await article.text()).toContain(`<h1>${NEWEST}</h1>`);
    expect((await news.get('/news/no-such-thing')).status()).toBe(404);
    await news.dispose();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the listing, its pages, categories and articles read completely, every link a page', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page).toHaveTitle('Останні новини — Вістка');
    await page.getByRole('link', { name: /Старіші/ }).click();
    await expect(page).toHaveURL(/\/page\/2$/);
    await expect(page.locator('main .card')).toHaveCount(13);
    await page.getByRole('link', { name: /Новіші/ }).click();
    await page.locator('main .card-title a', { hasText: NEWEST }).click();
    await expect(page.locator('main article h1')).toHaveText(NEWEST);
    await expect(page.locator('.fresh-posts li')).toHaveCount(5);
    await page.locator('main article .badge').click();
    await expect(page.locator('main h1')).toHaveText('Громада');
    await page.locator('.sections a', { hasText: 'Культура' }).click();
    await expect(page.locator('main h1')).toHaveText('Культура');
  });

  test('controls that need the app are not shown, and there is no banner', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page.locator('.lang-switch')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Налаштування cookies' })).toBeHidden();
    await expect(page.locator('.consent-banner')).toHaveCount(0);
    await expect(page.locator('.skeleton')).toHaveCount(0);
  });

  test('an unknown path is the not-found view with a way home', async ({ page }) => {
    const response = await page.goto('/no-such-thing');
    expect(response?.status()).toBe(404);
    await expect(page.locator('main h1')).toHaveText('Сторінку не знайдено');
    await page.getByRole('link', { name: 'На головну' }).click();
    await expect(page.locator('main .card')).toHaveCount(20);
  });
});

test.describe('the app takes over', () => {
  for (const [name, path] of [
    ['the listing', '/'],
    ['an article', `/article/${NEWEST_SLUG}`],
  ] as const) {
    test(`${name}: no shift, no change of text, scroll and focus kept, a clean console`, async ({ page }) => {
      const console: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') console.push(message.text());
      });
      await page.addInitScript(() => {
        (window as unknown as { shifts: number }).shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // The feed is held back until the reader has scrolled and focused a link on the page
      // as built, so the takeover happens under their eyes.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/feed.json', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(path);
      const before = await mainText(page);
      expect(before.length).toBeGreaterThan(200);
      await expect(page.locator('html')).not.toHaveClass(/\bapp\b/);
      const link = page.locator('main a[href^="/article/"]').nth(3);
      await link.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 120));
      await link.focus();
      const href = await link.getAttribute('href');
      const scrolled = await page.evaluate(() => window.scrollY);
      expect(scrolled).toBeGreaterThan(0);

      release();
      await takenOver(page);
      expect(await mainText(page)).toBe(before);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(href);
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
      expect(shifts).toBeLessThanOrEqual(0.01);
      expect(console).toEqual([]);
    });
  }

  test('items published after the build appear, and their articles open by deep link', async ({ page }) => {
    const feed = demoFeed();
    await serveFeed(page, { ...feed, items: [FRESH, ...feed.items] });
    await page.goto('/');
    await expect(page.locator('main .card-title').first()).toHaveText(FRESH.title);

    // The build never saw this article: the host answers 404.html, the app shows the article,
    // and no frame painted on the way shows the not-found message (checked just before each
    // paint: innerText leaves out what is not visible).
    await page.addInitScript(() => {
      const w = window as unknown as { sawNotFound: boolean };
      w.sawNotFound = false;
      const frame = () => {
        if (document.body?.innerText.includes('Сторінку не знайдено')) w.sawNotFound = true;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    const response = await page.goto(FRESH_PATH);
    expect(response?.status()).toBe(404);
    await expect(page.locator('main article h1')).toHaveText(FRESH.title);
    await expect(page.locator('.article-body')).toHaveText('Щойно опубліковано.');
    expect(await page.evaluate(() => (window as unknown as { sawNotFound: boolean }).sawNotFound)).toBe(false);
  });

  test('an article changed since the build shows its new text; one removed shows not found', async ({ page }) => {
    const feed = demoFeed();
    const [newest, ...rest] = feed.items;
    await serveFeed(page, { ...feed, items: [{ ...newest, content_html: '<p>Виправлений текст.</p>' }, ...rest] });
    await page.goto(`/article/${NEWEST_SLUG}`);
    await expect(page.locator('.article-body')).toHaveText('Виправлений текст.');

    await page.unrouteAll();
    await serveFeed(page, { ...feed, items: rest });
    await page.goto(`/article/${NEWEST_SLUG}`);
    await expect(page.locator('main h1')).toHaveText('Сторінку не знайдено');
  });

  test('a view at its folder URL, as GitHub Pages and Cloudflare Pages redirect to, is the same view', async ({ page }) => {
    for (const [path, heading] of [
      [`/article/${NEWEST_SLUG}/`, NEWEST],
      ['/category/kultura/', 'Культура'],
      ['/page/2/', 'Останні новини'],
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await takenOver(page);
      await expect(page.locator('main h1'), path).toHaveText(heading);
    }
  });

  test('a page whose live feed fails stays as built, readable', async ({ page, expectConsole }) => {
    expectConsole(/^Failed to load resource: .* \S*\/feed\.json$/, /^Vistka: the live feed could not be read/);
    await page.route('**/feed.json', (route) => route.fulfill({ status: 500, body: 'down' }));
    await page.goto('/');
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('.lang-switch')).toBeHidden();
  });
});
