import { existsSync, readFileSync } from 'node:fs';
import { newsPort } from '../../playwright.config';
import { expect, takenOver, test } from './fixtures';

// The release build as static hosts serve it: nginx with the shipped server block, at the
// root and under /news/.

const NEWS = `http://127.0.0.1:${newsPort}/news/`;
const ARTICLE = 'article/mist-cherez-tykhu-vidkryiut-do-zymy';

test.describe('static deploy', () => {
  test.skip(({ isMobile }) => isMobile, 'serving does not depend on the screen width');

  test('the build writes host files and precompressed copies', async () => {
    for (const file of ['404.html', '_redirects', '_headers', 'nginx.conf', 'index.html.br', 'index.html.gz', 'feed.json.br']) {
      expect(existsSync(`dist/${file}`), file).toBe(true);
    }
    // Every view is a prerendered file of its own: no rewrite to index.html. Unknown paths get
    // 404.html with status 404, which Netlify and Cloudflare Pages do by themselves at the root;
    // under a sub-path a rule says so.
    expect(readFileSync('dist/_redirects', 'utf8')).toBe('');
    expect(readFileSync('dist-news/_redirects', 'utf8')).toBe('/news/*  /news/404.html  404\n');
    expect(readFileSync('dist/_headers', 'utf8')).toContain('Cache-Control: public, max-age=31536000, immutable');
  });

  test('the wasm is served brotli-compressed as application/wasm, cached for a year', async ({ page, request }) => {
    await page.goto('/');
    // Taken over by the app: the wasm has loaded (the page as built shows 20 cards without it).
    await takenOver(page);
    await expect(page.locator('main .card')).toHaveCount(20);
    const wasm = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name).find((name) => name.endsWith('.wasm')),
    );
    expect(wasm).toBeTruthy();
    const response = await request.get(wasm ?? '', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['content-type']).toBe('application/wasm');
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzipOnly = await request.get(wasm ?? '', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipOnly.headers()['content-encoding']).toBe('gzip');
  });

  test('index.html, the feed and config.json are revalidated on every visit', async ({ request }) => {
    for (const path of ['/', '/index.html', '/feed.json', '/config.json', `/${ARTICLE}`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['cache-control'], path).toBe('no-cache');
      expect(response.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
  });

  test('under /news/: links, assets, the feed and deep links all respect the sub-path', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(NEWS);
    // The app's links and requests, once it has taken the page as built over.
    await takenOver(page);
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page.locator('main .card-title a').first()).toHaveAttribute('href', `/news/${ARTICLE}`);
    expect(requests.filter((path) => !path.startsWith('/news/'))).toEqual([]);
    expect(requests).toContain('/news/feed.json');
    await page.locator('main .card-title a').first().click();
    await expect(page).toHaveURL(`${NEWS}${ARTICLE}`);
    await expect(page.locator('main article h1')).toHaveText('Міст через Тиху відкриють до зими');
    await page.reload();
    await expect(page.locator('main article h1')).toHaveText('Міст через Тиху відкриють до зими');
    await takenOver(page);
    await page.locator('main article .badge').click();
    await expect(page).toHaveURL(`${NEWS}category/hromada`);
    await expect(page.locator('nav.sections a[aria-current="page"]')).toHaveText('Громада');
    await page.goBack();
    await expect(page.locator('main article h1')).toBeVisible();
    await page.goto(`${NEWS}no-such-page`);
    await expect(page.locator('main h1')).toHaveText('Сторінку не знайдено');
    await page.getByRole('link', { name: 'На головну' }).click();
    await expect(page).toHaveURL(NEWS);
  });
});
