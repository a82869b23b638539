import type { Page } from '@playwright/test';
import { expect, expectFreshArticle, FRESH, FRESH_PATH, takenOver, test, withFresh } from './fixtures';
import { mkdirSync } from 'node:fs';

// A reader's journeys through the demo publication in public/feed.json (33 items, newest
// "Міст через Тиху відкриють до зими", 2024-11-23).

const NEWEST = 'Міст через Тиху відкриють до зими';
const NEWEST_SLUG = 'mist-cherez-tykhu-vidkryiut-do-zymy';
const UK_DATE = /^(понеділок|вівторок|середа|четвер|пʼятниця|субота|неділя), \d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \d{4} р\.$/;
const EN_DATE = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(st|nd|rd|th), \d{4}$/;

async function openListing(page: Page) {
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  // The journeys below are the app's: its in-app navigation, focus and consent banner.
  await takenOver(page);
}

test('the front page lists the newest 20 items with badge, title, date, excerpt and read more', async ({ page }) => {
  await openListing(page);
  const cards = page.locator('main .card');
  await expect(cards).toHaveCount(20);

  const first = cards.first();
  await expect(first.locator('.card-title a')).toHaveText(NEWEST);
  await expect(first.locator('.card-title a')).toHaveAttribute('href', `/article/${NEWEST_SLUG}`);
  await expect(first.locator('.badge')).toHaveText('Громада');
  await expect(first.locator('.badge')).toHaveAttribute('href', '/category/hromada');
  await expect(first.locator('time')).toHaveText('субота, 23 листопада 2024 р.');
  await expect(first.locator('.excerpt')).toContainText('Ремонт пішохідного мосту');
  await expect(first.locator('.read-more')).toContainText('Читати більше');

  // Newest first, by the instant each was published.
  const instants = await cards.locator('time').evaluateAll((times) =>
    times.map((time) => Date.parse(time.getAttribute('datetime') ?? '')),
  );
  expect(instants.every((t) => !Number.isNaN(t))).toBe(true);
  expect([...instants].sort((a, b) => b - a)).toEqual(instants);

  // Every date is long-form in its item's own language, and English items say "Read more".
  for (const card of await cards.all()) {
    const lang = await card.getAttribute('lang');
    const date = (await card.locator('time').textContent()) ?? '';
    expect(date).toMatch(lang === 'en' ? EN_DATE : UK_DATE);
    await expect(card.locator('.read-more')).toContainText(lang === 'en' ? 'Read more' : 'Читати більше');
  }
  const english = cards.filter({ hasText: "Verbolozy's night bus gets a second route" });
  await expect(english.locator('time')).toHaveText('Saturday November 23rd, 2024');
  await expect(page).toHaveTitle('Останні новини — Вістка');
});

test('an item leads to its article, and back returns to the same place in the listing', async ({ page }) => {
  await openListing(page);
  // Far down the listing: further than the article is long, so a naive restore would clamp.
  const target = page.locator('main .card').nth(17);
  await target.scrollIntoViewIfNeeded();
  const title = (await target.locator('.card-title a').textContent()) ?? '';
  const scrolledTo = await page.evaluate(() => window.scrollY);
  expect(scrolledTo).toBeGreaterThan(300);

  await target.locator('.card-title a').click();
  await expect(page.locator('main h1')).toHaveText(title);
  // The new view's headline takes focus and the live region says where the reader is now.
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('#route-announcer')).toHaveText(`${title} — Вістка`);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(scrolledTo);

  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await expect(page.locator('#route-announcer')).toHaveText('Останні новини — Вістка');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolledTo - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(scrolledTo + 5);

  await page.goForward();
  await expect(page.locator('main h1')).toHaveText(title);
});

test('the article shows headline, date, author, category, body and five fresh posts', async ({ page }) => {
  await page.goto(`/article/${NEWEST_SLUG}`);
  await takenOver(page);
  const article = page.locator('main article');
  await expect(article.locator('h1')).toHaveText(NEWEST);
  await expect(page).toHaveTitle(`${NEWEST} — Вістка`);
  await expect(article).toHaveAttribute('lang', 'uk');
  await expect(article.locator('.byline time')).toHaveText('субота, 23 листопада 2024 р.');
  await expect(article.locator('.byline')).toContainText('Олена Коваль');
  await expect(article.locator('.badge')).toHaveText('Громада');
  const body = article.locator('.article-body');
  await expect(body.locator('p').first()).toContainText('Пішохідний міст через річку Тиху');
  await expect(body.locator('blockquote')).toContainText('сухими ногами');
  await expect(body.locator('h2')).toHaveText('Що зміниться');
  await expect(body.locator('li')).toHaveCount(3);
  await expect(article.locator('.lead-image img')).toHaveAttribute('src', 'media/bridge.svg');
  await expect(article.locator('.lead-image img')).toHaveJSProperty('complete', true);
  expect(await article.locator('.lead-image img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  const rail = page.locator('aside.fresh-posts');
  await expect(rail.locator('h2')).toHaveText('Свіжі дописи');
  await expect(rail.locator('li')).toHaveCount(5);
  await expect(rail).not.toContainText(NEWEST);
  await rail.locator('li a').first().click();
  await expect(page).toHaveURL(/\/article\/u-bibliotetsi-zapratsiuvav-klub-nastilnykh-ihor$/);
  await expect(page.locator('main h1')).toHaveText('У бібліотеці запрацював клуб настільних ігор');
  await expect(page.locator('.article-body figure figcaption')).toHaveCount(0);
});

test('an English article is dated and labelled in English inside the Ukrainian site', async ({ page }) => {
  await openListing(page);
  await page.locator('.card-title a', { hasText: "Verbolozy's night bus gets a second route" }).click();
  const article = page.locator('main article');
  await expect(article).toHaveAttribute('lang', 'en');
  await expect(article.locator('.byline time')).toHaveText('Saturday November 23rd, 2024');
  await expect(article.locator('.byline')).toContainText('By Mark Ellison');
});

test('deep links and reload work on every view', async ({ page }) => {
  for (const [path, heading] of [
    [`/article/${NEWEST_SLUG}`, NEWEST],
    ['/category/kultura', 'Культура'],
    ['/page/2', 'Останні новини'],
    ['/category/hromada/page/1', 'Громада'],
  ]) {
    // The page as built, then the app's own view of the same URL.
    await page.goto(path);
    await expect(page.locator('main h1')).toHaveText(heading);
    await takenOver(page);
    await expect(page.locator('main h1')).toHaveText(heading);
    await page.reload();
    await expect(page.locator('main h1')).toHaveText(heading);
    await takenOver(page);
    await expect(page.locator('main h1')).toHaveText(heading);
  }
});

test('older and newer pages are real URLs', async ({ page }) => {
  await openListing(page);
  await expect(page.locator('.pagination')).toContainText('Сторінка 1 з 2');
  await page.getByRole('link', { name: /Старіші/ }).click();
  await expect(page).toHaveURL(/\/page\/2$/);
  await expect(page.locator('main .card')).toHaveCount(13);
  await expect(page.locator('.pagination')).toContainText('Сторінка 2 з 2');
  await expect(page.getByRole('link', { name: /Старіші/ })).toHaveCount(0);
  await expect(page).toHaveTitle('Останні новини (Сторінка 2) — Вістка');
  await page.getByRole('link', { name: /Новіші/ }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('main .card').first().locator('.card-title')).toHaveText(NEWEST);
});

test('a category badge opens the category, marked as current in the sections', async ({ page }) => {
  await openListing(page);
  await page.locator('main .card').first().locator('.badge').click();
  await expect(page).toHaveURL(/\/category\/hromada$/);
  await expect(page.locator('main h1')).toHaveText('Громада');
  await expect(page).toHaveTitle('Громада — Вістка');
  const badges = await page.locator('main .card .badge').allTextContents();
  expect(badges.length).toBeGreaterThanOrEqual(5);
  expect(new Set(badges)).toEqual(new Set(['Громада']));
  await expect(page.locator('nav.sections a[aria-current="page"]')).toHaveText('Громада');
});

test('unknown paths, slugs, categories and pages show a not-found view with a way home', async ({ page }) => {
  for (const path of ['/no/such/page', '/article/no-such-article', '/category/no-such-category', '/page/3', '/page/0', '/page/abc']) {
    await page.goto(path);
    // The app's routing says so, not just the host's 404.html.
    await takenOver(page);
    await expect(page.locator('main h1'), path).toHaveText('Сторінку не знайдено');
  }
  await page.getByRole('link', { name: 'На головну' }).click();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
});

test('the feed is fetched once and shared by all views', async ({ page }) => {
  const feedRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/feed.json') feedRequests.push(request.url());
  });
  await openListing(page);
  await page.locator('main .card .card-title a').first().click();
  await expect(page.locator('main article h1')).toBeVisible();
  await page.locator('main article .badge').click();
  await expect(page.locator('main h1')).toHaveText('Громада');
  await page.goBack();
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  expect(feedRequests).toHaveLength(1);
});

test.describe('an English reader', () => {
  test.use({ locale: 'en-GB' });

  test('another JSON Feed in place of feed.json is shown without a rebuild', async ({ page }) => {
    // A publisher whose config.json leaves the name to the feed.
    await page.route('**/config.json', (route) => route.fulfill({ json: {} }));
    await page.route('**/feed.json', (route) =>
      route.fulfill({
        contentType: 'application/feed+json',
        body: JSON.stringify({
          version: 'https://jsonfeed.org/version/1',
          title: 'The Other Paper',
          language: 'en',
          items: [
            { id: 7, title: 'A different story', content_text: 'First paragraph.\n\nSecond paragraph.', date_published: '2024-11-21T08:00:00-05:00', author: { name: 'Jo Doe' }, tags: ['Local'] },
          ],
        }),
      }),
    );
    await page.goto('/');
    await expect(page.locator('main h1')).toHaveText('Latest news');
    await expect(page.locator('.site-name')).toHaveText('The Other Paper');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('link', { name: 'A different story' }).first().click();
    await expect(page).toHaveURL(/\/article\/a-different-story$/);
    await expect(page.locator('.byline')).toContainText('Thursday November 21st, 2024');
    await expect(page.locator('.byline')).toContainText('By Jo Doe');
    await expect(page.locator('.article-body p')).toHaveText(['First paragraph.', 'Second paragraph.']);
  });
});

for (const [name, response, message] of [
  ['a server error', { status: 500, body: 'oops' }, 'Сервер відповів помилкою (500).'],
  ['a missing feed', { status: 404, body: 'not found' }, 'Сервер відповів помилкою (404).'],
  ['invalid JSON', { status: 200, body: '{"items": [' }, 'Стрічка новин пошкоджена'],
  ['JSON of the wrong shape', { status: 200, body: '{"posts": []}' }, 'Стрічка новин має неочікуваний формат'],
  ['only unusable items', { status: 200, body: '{"items": [{"title": "no id"}]}' }, 'У стрічці немає жодного придатного допису'],
] as const) {
  test(`${name} ends in a clear message and a retry that recovers`, async ({ page, expectConsole }) => {
    expectConsole(/^Failed to load resource: .* \S*\/feed\.json$/, /^Vistka: the feed could not be used: /);
    let broken = true;
    await page.route('**/feed.json', (route) => (broken ? route.fulfill(response) : route.fulfill({ json: withFresh() })));
    await page.goto(FRESH_PATH);
    const alert = page.getByRole('alert');
    await expect(alert.locator('h1')).toHaveText('Не вдалося завантажити новини');
    await expect(alert).toContainText(message);
    broken = false;
    await alert.getByRole('button', { name: 'Спробувати ще раз' }).click();
    await expectFreshArticle(page);
  });
}

test('a feed that cannot be reached ends in a message and a retry', async ({ page, expectConsole }) => {
  expectConsole(/^Failed to load resource: .* \S*\/feed\.json$/);
  let broken = true;
  await page.route('**/feed.json', (route) =>
    broken ? route.abort('connectionrefused') : route.fulfill({ json: withFresh() }),
  );
  await page.goto(FRESH_PATH);
  await expect(page.getByRole('alert')).toContainText('Немає зв’язку із сервером');
  broken = false;
  await page.getByRole('button', { name: 'Спробувати ще раз' }).click();
  await expectFreshArticle(page);
});

test('the loading state holds the layout steady until the news arrives', async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/feed.json', async (route) => {
    await held;
    await route.fulfill({ json: withFresh() });
  });
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEntry[] & { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(FRESH_PATH);
  await expect(page.locator('main[id="main"] [aria-busy="true"]')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Завантажуємо новини…');
  release();
  await expect(page.locator('main article h1')).toHaveText(FRESH.title);
  const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  expect(shifts).toBeLessThan(0.02);
});

test('screenshots of the listing and an article', async ({ page }, testInfo) => {
  const dir = 'tests/e2e/artifacts/screenshots';
  mkdirSync(dir, { recursive: true });
  await openListing(page);
  await page.locator('main .card img').first().evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-first-visit.png` });
  await page.getByRole('button', { name: 'Прийняти все' }).click();
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-listing.png` });
  await page.goto(`/article/${NEWEST_SLUG}`);
  await expect(page.locator('main article h1')).toBeVisible();
  await takenOver(page);
  await page.locator('.lead-image img').evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path: `${dir}/${testInfo.project.name}-article.png`, fullPage: true });
  // No horizontal scrolling at this width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
});

test('the site is served with a strict CSP and the security headers', async ({ page, context, request }) => {
  const response = await request.get('/');
  const headers = response.headers();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // The same policy in the page itself, for hosts that cannot set headers.
  await openListing(page);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  // The one inline script is the loader, allowed by its hash: nothing else inline may run.
  expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  // (Structured data is a data block, which browsers never run.)
  expect(await page.locator('script:not([src]):not([type="application/ld+json"])').count()).toBe(1);
  // An inline script injected into the page is refused: the policy is in force. (A second
  // page, as the violation it causes is the point here, not a failure of the site.)
  const probe = await context.newPage();
  await probe.goto('/');
  const refused = await probe.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', () => resolve(true));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.head.append(script);
      }),
  );
  expect(refused).toBe(true);
  expect(await probe.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  await probe.close();
});

test('keyboard only: from the first Tab to an article and back', async ({ page }) => {
  await openListing(page);
  // The consent banner comes first; answer it from the keyboard.
  await expect(page.getByRole('button', { name: 'Відхилити все' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Відхилити все' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // From the main content: the first card's category, then its headline.
  await page.keyboard.press('Tab');
  await expect(page.locator('main .card').first().locator('.badge')).toBeFocused();
  await page.keyboard.press('Tab');
  const headline = page.locator('main .card').first().locator('.card-title a');
  await expect(headline).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main article h1')).toHaveText(NEWEST);
  await expect(page.locator('main article h1')).toBeFocused();
  // Onward from the headline: the article's own links, then the fresh posts rail.
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('href', /\/article\/|\/category\//);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await expect(page.locator('main h1')).toBeFocused();
});
