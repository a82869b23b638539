import { partnerOrigin, port } from '../../playwright.config';
import { expect, test } from './fixtures';

// A partner's page on another origin (127.0.0.2) pastes the embed snippet twice.

const SITE = `http://127.0.0.1:${port}`;

test.describe('embed on a partner page', () => {
  test.skip(({ isMobile }) => isMobile, 'the partner page has its own fixed column width');

  test('two widgets fit their content and leave the partner page alone', async ({ page }) => {
    await page.goto(`${partnerOrigin}/`);
    const frames = page.locator('iframe');
    await expect(frames).toHaveCount(2);
    await expect(frames.first()).toHaveAttribute('src', `${SITE}/embed?id=vistka-0`);
    await expect(frames.nth(1)).toHaveAttribute('src', `${SITE}/embed?id=vistka-1&count=3&category=kultura&lang=en&theme=dark`);

    const first = page.frameLocator('iframe >> nth=0');
    const second = page.frameLocator('iframe >> nth=1');
    await expect(first.locator('.embed-list li')).toHaveCount(5);
    await expect(first.locator('.embed-title')).toHaveText('Останні новини');
    await expect(second.locator('.embed-list li')).toHaveCount(3);
    await expect(second.locator('.embed-title')).toHaveText('Культура');
    await expect(second.locator('.embed-more')).toContainText('More news');
    await expect(second.locator('html')).toHaveAttribute('lang', 'en');
    await expect(first.locator('html')).toHaveAttribute('lang', 'uk');
    // No consent banner, nothing stored (where the browser lets a third-party frame store at all).
    await expect(first.locator('.consent-banner')).toHaveCount(0);
    const stored = await first.locator('body').evaluate(() => {
      let keys = 0;
      try {
        keys = Object.keys(localStorage).length;
      } catch {
        // Storage blocked for third-party frames: nothing can have been stored.
      }
      return keys + document.cookie.length;
    });
    expect(stored).toBe(0);

    // Each frame is as tall as its content.
    for (const index of [0, 1]) {
      const frame = frames.nth(index);
      const content = page.frameLocator(`iframe >> nth=${index}`).locator('.embed-widget');
      await expect
        .poll(async () => {
          const outer = await frame.evaluate((el) => el.getBoundingClientRect().height);
          const inner = await content.evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
          return Math.abs(outer - inner);
        })
        .toBeLessThanOrEqual(1);
    }

    // The partner's own styles and scripts are untouched.
    expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 100, 0)');
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(250, 240, 200)');
    expect(await page.evaluate(() => (window as unknown as { partnerState: string }).partnerState)).toBe('mine');
  });

  test('a forged height message from another origin is ignored', async ({ page }) => {
    await page.goto(`${partnerOrigin}/`);
    const frame = page.locator('iframe').first();
    await expect(page.frameLocator('iframe >> nth=0').locator('.embed-list li')).toHaveCount(5);
    await expect.poll(() => frame.evaluate((el) => el.getBoundingClientRect().height)).not.toBe(320);
    const before = await frame.evaluate((el) => el.getBoundingClientRect().height);
    await page.evaluate(() => window.postMessage({ type: 'vistka:height', id: 'vistka-0', height: 7 }, '*'));
    // The message is delivered before this evaluation runs: the listener has already said no.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await frame.evaluate((el) => el.getBoundingClientRect().height)).toBe(before);
  });

  test('a click opens the article on the publisher site in the top window', async ({ page }) => {
    await page.goto(`${partnerOrigin}/`);
    const link = page.frameLocator('iframe >> nth=0').locator('.embed-list a').first();
    const title = await link.textContent();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`^${SITE}/article/`));
    await expect(page.locator('main article h1')).toHaveText(title ?? '');
  });

  test('without JavaScript the fallback link leads to the site', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${partnerOrigin}/`);
    await expect(page.getByRole('link', { name: 'Вістка: останні новини' })).toHaveAttribute('href', `${SITE}/`);
    await context.close();
  });

  test('the embed view may be framed, the site pages may not', async ({ request }) => {
    const embed = await request.get('/embed');
    expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers()['x-frame-options']).toBeUndefined();
    const home = await request.get('/');
    expect(home.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(home.headers()['x-frame-options']).toBe('DENY');
  });
});
