import { newsPort } from '../../playwright.config';
import { expect, takenOver, test } from './fixtures';
import type { Page } from '@playwright/test';

// Offline reading (issue 16): nothing before the reader asks; once on, the news, the articles
// read and their pictures stay readable with the network cut; off removes everything.

const NEWS = `http://127.0.0.1:${newsPort}/news/`;
const TOGGLE = 'Читати без мережі';

const registrations = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function turnOn(page: Page) {
  await page.getByLabel(TOGGLE).check();
  await expect(page.locator('.offline-stored')).toContainText('Збережено');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test.describe('offline reading', () => {
  test.skip(({ isMobile }) => isMobile, 'the worker does not depend on the screen width');

  test('nothing is registered or stored before the reader asks', async ({ page }) => {
    await page.goto('/');
    await takenOver(page);
    await page.goto('/article/mist-cherez-tykhu-vidkryiut-do-zymy');
    await takenOver(page);
    expect(await registrations(page)).toEqual([]);
    expect(await cacheNames(page)).toEqual([]);
    await expect(page.getByLabel(TOGGLE)).not.toBeChecked();
    // The manifest is linked from every page, and says where the app starts.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? (await fetch(link.href)).json() : null;
    });
    expect(manifest).toMatchObject({ start_url: '/', scope: '/', display: 'standalone', lang: 'uk' });
    expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(['192x192', '512x512', '512x512']);
  });

  test('on: the front page and the articles read, with pictures, work offline; off removes all', async ({ page, context }) => {
    await page.goto('/');
    await takenOver(page);
    await turnOn(page);
    const links = page.locator('main .card-title a');
    const first = (await links.nth(0).getAttribute('href')) ?? '';
    const second = (await links.nth(1).getAttribute('href')) ?? '';
    for (const path of [first, second]) {
      await page.goto(path);
      await expect(page.locator('main article h1')).toBeVisible();
    }
    await expect(page.locator('.offline-stored')).toContainText(/Збережено \d+ допис/);

    await context.setOffline(true);
    await page.goto('/');
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page.locator('.offline-notice')).toContainText(/Немає мережі\. Новини станом на \d\d:\d\d/);
    for (const path of [first, second]) {
      await page.goto(path);
      await expect(page.locator('main article h1')).toBeVisible();
      const image = page.locator('main article .lead-image img');
      if (await image.count()) {
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      }
    }
    await page.goto('/article/ne-zberezheno-niiakoi-takoi');
    await expect(page.locator('main h1')).toHaveText('Цей допис не збережено для читання без мережі');
    await page.getByRole('link', { name: 'На головну' }).click();
    await expect(page.locator('main .card').first()).toBeVisible();

    await context.setOffline(false);
    await expect(page.locator('.offline-notice')).toHaveCount(0);

    await page.getByLabel(TOGGLE).uncheck();
    await expect.poll(() => registrations(page)).toEqual([]);
    await expect.poll(() => cacheNames(page)).toEqual([]);
  });

  // FIXME: page.route does not see the browser's update check for sw.js (it is not the page's
  // request), so this stand-in for a second build never installs. To do: a real second build
  // (scripts/build.sh into another folder, swapped under the server) instead.
  test.fixme('a new deploy replaces the old worker and its files: no mixed builds', async ({ page }) => {
    await page.goto('/');
    await takenOver(page);
    await turnOn(page);
    const before = (await cacheNames(page)).filter((name) => name.startsWith('vistka-app-'));
    expect(before).toHaveLength(1);
    // A second build: the same files under a new version, as a rebuild with changes writes.
    await page.route('**/sw.js', async (route) => {
      const response = await route.fetch();
      const text = (await response.text()).replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'");
      await route.fulfill({ response, body: text });
    });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect
      .poll(async () => (await cacheNames(page)).filter((name) => name.startsWith('vistka-app-')))
      .toEqual([`${before[0]}next`]);
    await page.reload();
    await takenOver(page);
    await expect(page.locator('main .card')).toHaveCount(20);
  });

  test('under /news/: the worker is scoped to the sub-path and works offline', async ({ page, context }) => {
    await page.goto(NEWS);
    await takenOver(page);
    await turnOn(page);
    expect(await registrations(page)).toEqual([NEWS]);
    await context.setOffline(true);
    await page.goto(NEWS);
    await expect(page.locator('main .card')).toHaveCount(20);
    await expect(page.locator('.offline-notice')).toBeVisible();
    await context.setOffline(false);
    await page.getByLabel(TOGGLE).uncheck();
    await expect.poll(() => registrations(page)).toEqual([]);
  });
});
