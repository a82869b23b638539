import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { demoFeed, expect, expectFreshArticle, FRESH_PATH, serveFeed, takenOver, test, withFresh } from './fixtures';

// Feeds from the outside world: configured sources, WordPress, and feeds that misbehave.

const item = (id: string, title: string, date = '2024-11-23T10:00:00+02:00') => ({
  id,
  title,
  date_published: date,
  content_html: `<p>${title}</p>`,
});

function serveConfig(page: Page, config: unknown) {
  return page.route('**/config.json', (route) => route.fulfill({ json: config }));
}

test('every item with something to show is shown, undated ones last; the rest are skipped and counted', async ({ page, expectConsole }) => {
  expectConsole(/^Vistka: \d+ feed item repair\(s\), \d+ item\(s\) skipped/);
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await serveFeed(page, {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Вістка',
    items: [
      item('a', 'Перший добрий'),
      { title: 'Без id', date_published: '2024-11-23T10:00:00+02:00' },
      { id: 'no-title', date_published: '2024-11-23T10:00:00+02:00' },
      { id: 'no-date', title: 'Без дати' },
      item('bad-date', 'Погана дата', '2024-13-45T99:00:00Z'),
      item('a', 'Повтор id'),
      { id: 'wrong-types', title: ['не рядок'], date_published: 5 },
      item('b', 'Другий добрий', '2024-11-22T10:00:00+02:00'),
    ],
  });
  await page.goto('/');
  await expect(page.locator('main .card-title')).toHaveText(['Перший добрий', 'Другий добрий', 'Без дати', 'Погана дата']);
  // An undated item has no date line, rather than a made-up date.
  await expect(page.locator('main .card').nth(2).locator('.date')).toHaveCount(0);
  await expect(page.locator('main .card').first().locator('.date')).toHaveText('субота, 23 листопада 2024 р.');
  await expect.poll(() => warnings.join('\n')).toContain('4 item(s) skipped');
});

test('a micro-post without a title leads its card with its text and is headed by its first sentence', async ({ page, expectConsole }) => {
  // Its picture is on the micro-blog's own (fictional) host, which no name resolves.
  expectConsole(/^Vistka: \d+ feed item repair\(s\), \d+ item\(s\) skipped/, /net::ERR_NAME_NOT_RESOLVED https:\/\/micro\.example\//);
  await serveFeed(page, {
    version: 'https://jsonfeed.org/version/1',
    title: 'Мікроблог',
    items: [
      {
        id: 'https://micro.example/2024/11/23/note',
        url: 'https://micro.example/2024/11/23/note',
        content_html: '<p>Сьогодні на Набережній поставили нові лавки. Їх двадцять, і вони дубові.</p><p><a href="../22/">Учора</a></p>',
        date_published: '2024-11-23T09:00',
        // Root-relative, as the micro-blog wrote it: a picture on the blog, not on this site.
        image: '/photos/lavky.jpg',
      },
      item('t', 'Допис із заголовком', '2024-11-22T10:00:00+02:00'),
    ],
  });
  await page.goto('/');
  const lead = page.locator('main .card').first().locator('.card-lead a');
  await expect(lead).toHaveText('Сьогодні на Набережній поставили нові лавки. Їх двадцять, і вони дубові. Учора');
  await expect(page.locator('main .card-title')).toHaveText(['Допис із заголовком']);
  await expect(page.locator('main .card').first().locator('img')).toHaveAttribute('src', 'https://micro.example/photos/lavky.jpg');
  await lead.click();
  await expect(page.locator('.article-body a')).toHaveAttribute('href', 'https://micro.example/2024/11/22/');
  await expect(page.locator('main h1')).toHaveText('Сьогодні на Набережній поставили нові лавки.');
  await expect(page).toHaveTitle('Сьогодні на Набережній поставили нові лавки. — Вістка');
  await expect(page).toHaveURL(/\/article\/note$/);
  await expect(page.locator('.byline time')).toHaveText('субота, 23 листопада 2024 р.');
});

test('a 20 MB feed shows its first page without freezing the tab', async ({ page }) => {
  const paragraph = `<p>${'Довгий абзац тексту для перевірки великої стрічки. '.repeat(20)}</p>`;
  const items = Array.from({ length: 10_000 }, (_, n) => ({
    id: `big-${n}`,
    title: `Допис номер ${n}`,
    date_published: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
    content_html: paragraph,
    tags: [`Рубрика ${n % 7}`],
  }));
  const body = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Велика', items });
  expect(Buffer.byteLength(body)).toBeGreaterThan(20_000_000);
  await page.route('**/feed.json', (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto('/');
  // The page as built has 20 cards too: wait for the app, with the budget the big feed needs.
  await takenOver(page, 30_000);
  await expect(page.locator('main .card')).toHaveCount(20);
  await expect(page.locator('main .card-title').first()).toHaveText('Допис номер 9999');
  await expect(page.locator('.pagination')).toContainText('Сторінка 1 з 500');
  // The tab answers: a click on the next page is handled at once.
  await page.getByRole('link', { name: /Старіші/ }).click();
  await expect(page.locator('main .card-title').first()).toHaveText('Допис номер 9979');
});

// Each shape once made the rest of the body be read again for every element: seconds for one
// item, in every view that reads it (page builders put a <style> in a post for each block).
for (const [name, middle] of [
  ['24,000 style elements', '<style>p{}</style>'.repeat(24_000)],
  ['200,000 ampersands', `<p>${'& '.repeat(200_000)}</p>`],
] as const) {
  test(`a body of ${name} opens, lists and is found at once`, async ({ page }) => {
    const feed = withFresh();
    const body = `<p>Перший абзац.</p>${middle}<p>Ґудзиковий абзац.</p>`;
    feed.items[0] = { ...feed.items[0], content_html: body };
    await page.route('**/feed.json', (route) => route.fulfill({ json: feed }));
    await page.goto(FRESH_PATH);
    await expect(page.locator('.article-body p').first()).toHaveText('Перший абзац.');
    await expect(page.locator('.article-body p').last()).toHaveText('Ґудзиковий абзац.');
    await page.locator('.site-name').click();
    await expect(page.locator('main .excerpt span').first()).toHaveText(/^Перший абзац\. \S/);
    await page.getByRole('searchbox').fill('ґудзиковий');
    await expect(page.locator('main .search-count')).toHaveText('Знайдено 1 допис');
  });
}

test('a server that answers after 15 s: the reader is told it is slow, then sees the news', async ({ page }) => {
  await page.clock.install();
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const feed = withFresh();
  await page.route('**/feed.json', async (route) => {
    await answered;
    await route.fulfill({ json: feed });
  });
  await page.goto(FRESH_PATH);
  await expect(page.getByRole('status')).toHaveText('Завантажуємо новини…');
  await page.clock.fastForward(6_000);
  await expect(page.getByRole('status')).toHaveText('Це триває довше, ніж зазвичай. Зачекайте ще трохи…');
  await expect(page.getByRole('status')).toBeVisible();
  await page.clock.fastForward(9_000);
  answer();
  await expectFreshArticle(page);
});

test('a server that never answers times out with a message and a retry', async ({ page }) => {
  await page.clock.install();
  let hang = true;
  const feed = withFresh();
  await page.route('**/feed.json', async (route) => {
    if (hang) return; // never fulfilled: the request hangs until aborted
    await route.fulfill({ json: feed });
  });
  await page.goto(FRESH_PATH);
  await expect(page.getByRole('status')).toBeAttached();
  await page.clock.fastForward(21_000);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Сервер новин не відповідає');
  hang = false;
  await alert.getByRole('button', { name: 'Спробувати ще раз' }).click();
  await expectFreshArticle(page);
});

test('the reader sees fresh items on returning to the tab, without losing their place', async ({ page }) => {
  await serveConfig(page, { source: { refresh_minutes: 0 } });
  const demo = demoFeed();
  let feed = demo;
  let requests = 0;
  await page.route('**/feed.json', (route) => {
    requests += 1;
    return route.fulfill({ json: feed });
  });
  await page.goto('/');
  await takenOver(page);
  await expect(page.locator('main .card')).toHaveCount(20);
  await page.locator('main .card').nth(6).scrollIntoViewIfNeeded();
  // The reader's place: the first link to an article that is on screen (one card links to
  // its article from the picture, the title and "read more").
  const place = () =>
    page.locator('main a[href^="/article/"]').evaluateAll((links) => {
      const index = links.findIndex((link) => link.getBoundingClientRect().top >= 0);
      const href = links[index]?.getAttribute('href');
      const occurrence = links.slice(0, index).filter((link) => link.getAttribute('href') === href).length;
      return { href, occurrence, top: links[index]?.getBoundingClientRect().top ?? NaN };
    });
  const before = await place();
  expect(before.href).toBeTruthy();

  feed = { ...demo, items: [item('fresh', 'Щойно надійшло', '2024-11-24T08:00:00+02:00'), ...demo.items] };
  const setVisibility = (state: string) =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await setVisibility('visible');
  await expect(page.locator('main .card-title').first()).toHaveText('Щойно надійшло');
  expect(requests).toBe(2);
  // The item being read stays where it was on screen; no loading state came between.
  const same = page.locator(`main a[href="${before.href}"]`).nth(before.occurrence);
  await expect
    .poll(async () => Math.abs((await same.evaluate((el) => el.getBoundingClientRect().top)) - before.top))
    .toBeLessThan(2);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
});

test('config.json sets the name, logo, colours and page size without a rebuild', async ({ page }) => {
  await serveConfig(page, {
    publication: { name: 'Вечірня Вістка', logo: 'favicon.svg', description: 'Вечірній випуск' },
    colors: { accent: '#0b5394' },
    page_size: 5,
  });
  await page.goto('/');
  await expect(page.locator('.site-name')).toHaveText('Вечірня Вістка');
  await expect(page.locator('.site-name img.logo')).toHaveAttribute('src', 'favicon.svg');
  await expect(page.locator('main .card')).toHaveCount(5);
  await expect(page.locator('.pagination')).toContainText('Сторінка 1 з 7');
  await expect(page).toHaveTitle('Останні новини — Вечірня Вістка');
  await expect(page.locator('meta[name=description]')).toHaveAttribute('content', 'Вечірній випуск');
  const accent = await page.locator('.badge').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(accent).toBe('rgb(11, 83, 148)');
});

test('an invalid config.json is reported by field and the site runs on defaults', async ({ page, expectConsole }) => {
  expectConsole(/^Vistka: page_size must be a whole number/);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await serveConfig(page, { page_size: 'twenty' });
  await page.goto('/');
  await takenOver(page);
  await expect(page.locator('main .card')).toHaveCount(20);
  await expect.poll(() => errors.join('\n')).toContain('page_size must be a whole number');
});

test('a missing config.json means the documented defaults', async ({ page, expectConsole }) => {
  expectConsole(/status of 404 \(Not Found\) \S+\/config\.json$/);
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await takenOver(page);
  await expect(page.locator('main .card')).toHaveCount(20);
  await expect(page.locator('.site-name')).toHaveText('Вістка');
});

test('a WordPress site is a source: posts, dates, excerpts and articles', async ({ page, expectConsole }) => {
  // The stand-in WordPress answers the API; its uploads are not part of it.
  expectConsole(/status of 404 \(Not Found\) https:\/\/wp\.example\/wp-content\/uploads\//);
  await serveConfig(page, {
    publication: { name: 'Web à Québec' },
    default_language: 'en',
    source: { type: 'wordpress', url: 'https://wp.example/wp-json/wp/v2/posts?_embed&per_page=100' },
  });
  // The real response, served as WordPress pages it: 20 posts a page, X-WP-TotalPages: 2.
  const posts = JSON.parse(readFileSync('tests/fixtures/wordpress/webaquebec-posts.json', 'utf8'));
  const requested: string[] = [];
  await page.route('https://wp.example/**', (route) => {
    const url = new URL(route.request().url());
    // The posts' pictures, now resolved against their own site, are asked for too.
    if (!url.pathname.endsWith('/wp/v2/posts')) return route.fulfill({ status: 404 });
    requested.push(`page=${url.searchParams.get('page') ?? 'none'} per_page=${url.searchParams.get('per_page')}`);
    const number = Number(url.searchParams.get('page') ?? '1');
    return route.fulfill({
      contentType: 'application/json',
      headers: {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages',
        'x-wp-total': String(posts.length),
        'x-wp-totalpages': '2',
      },
      body: JSON.stringify(posts.slice((number - 1) * 20, number * 20)),
    });
  });
  await page.goto('/');
  const first = page.locator('main .card').first();
  await expect(first.locator('.card-title')).toHaveText('Le numérique public : des passionnés et des projets de grande envergure!');
  await expect(first.locator('time')).toHaveText('Wednesday April 6th, 2016');
  await expect(page.locator('.pagination')).toContainText('Page 1 of 2');
  await page.getByRole('link', { name: /Older/ }).click();
  await expect(page.locator('main .card')).toHaveCount(15);
  expect(requested).toEqual(['page=none per_page=100', 'page=2 per_page=100']);
  await page.getByRole('link', { name: /Newer/ }).click();
  await first.locator('.card-title a').click();
  await expect(page).toHaveURL(/\/article\/le-numerique-public-des-passionnes-et-des-projets-de-grande-envergure$/);
  await expect(page.locator('.article-body')).toContainText('Gouvernement du Québec');
  // The post's target="_blank" links survive only as safe links.
  const external = page.locator('.article-body a[href^="http://www.afroginthevalley.com"]');
  await expect(external).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(external).not.toHaveAttribute('target', /.*/);
});

test('a paged JSON Feed is followed through next_url', async ({ page }) => {
  const pageOf = (n: number, next: string | null) => ({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Сторінки',
    ...(next ? { next_url: next } : {}),
    items: Array.from({ length: 15 }, (_, i) =>
      item(`p${n}-${i}`, `Сторінка ${n}, допис ${i}`, new Date(Date.UTC(2024, 10, 23 - n, 12 - i)).toISOString()),
    ),
  });
  const requested: string[] = [];
  await page.route('**/feed.json', (route) => {
    requested.push('feed.json');
    return route.fulfill({ json: pageOf(1, '/feeds/page-2.json') });
  });
  await page.route('**/feeds/page-2.json', (route) => {
    requested.push('page-2');
    return route.fulfill({ json: pageOf(2, '/feeds/page-3.json') });
  });
  await page.route('**/feeds/page-3.json', (route) => {
    requested.push('page-3');
    // A publisher's mistake: the last page points back at itself.
    return route.fulfill({ json: pageOf(3, '/feeds/page-3.json') });
  });
  await page.goto('/');
  await expect(page.locator('.pagination')).toContainText('Сторінка 1 з 3');
  await expect(page.locator('main .card-title').first()).toHaveText('Сторінка 1, допис 0');
  await page.getByRole('link', { name: /Старіші/ }).click();
  await page.getByRole('link', { name: /Старіші/ }).click();
  await expect(page).toHaveURL(/\/page\/3$/);
  await expect(page.locator('main .card')).toHaveCount(5);
  await expect(page.locator('main .card-title').last()).toHaveText('Сторінка 3, допис 14');
  // The loop is noticed: each page is fetched once.
  await page.waitForLoadState('networkidle');
  expect(requested).toEqual(['feed.json', 'page-2', 'page-3']);
});

test('a WordPress post beyond the loaded pages is found by its slug', async ({ page }) => {
  await serveConfig(page, {
    default_language: 'en',
    source: { type: 'wordpress', url: 'https://wp.example/wp-json/wp/v2/posts?_embed&per_page=5' },
  });
  const posts = JSON.parse(readFileSync('tests/fixtures/wordpress/webaquebec-posts.json', 'utf8'));
  const old = posts[30];
  const slugRequests: string[] = [];
  await page.route('https://wp.example/**', (route) => {
    const slug = new URL(route.request().url()).searchParams.get('slug');
    if (slug !== null) slugRequests.push(slug);
    const body = slug === null ? posts.slice(0, 5) : posts.filter((post: { slug: string }) => post.slug === slug);
    return route.fulfill({
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-WP-TotalPages', 'x-wp-totalpages': '1' },
      body: JSON.stringify(body),
    });
  });
  await page.goto(`/article/${old.slug}`);
  await expect(page.locator('main article h1')).toBeVisible();
  expect(slugRequests).toEqual([old.slug]);
  await page.goto('/article/no-such-post-anywhere');
  await expect(page.locator('main h1')).toHaveText('Page not found');
});
