import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { deployPort, newsPort } from '../../playwright.config';
import { expect, takenOver, test } from './fixtures';
import { chromium, type Page } from '@playwright/test';

// Offline reading (issue 16): nothing before the reader asks; once on, the news, the articles
// read and their pictures stay readable with the network cut; off removes everything.

const NEWS = `http://127.0.0.1:${newsPort}/news/`;
const TOGGLE = 'Читати без мережі';

const registrations = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
const appCaches = async (page: Page) => (await cacheNames(page)).filter((name) => name.startsWith('vistka-app-'));
const stylesheet = (page: Page) =>
  page.evaluate(() => new URL(document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]')?.href ?? '').pathname.slice(1));

// A host the tests deploy builds onto (scripts/nginx-local.mjs): it serves whichever build
// deploy/live links to, as a publisher's upload replaces the files under a running server.
const DEPLOY = `http://127.0.0.1:${deployPort}/`;
const DEPLOYS = 'tests/e2e/artifacts/deploy';
const FIRST_CSS = readdirSync('dist').find((name) => /^main-[0-9a-f]+\.css$/.test(name)) ?? '';

/** Makes deploy/<name>, a copy of dist/; returns the folder. */
function deploy(name: string) {
  const dir = join(DEPLOYS, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync('dist', dir, { recursive: true });
  return dir;
}

/** Points the host at deploy/<name>. */
function go(name: string) {
  const live = join(DEPLOYS, 'live');
  rmSync(live, { force: true });
  symlinkSync(resolve(DEPLOYS, name), live);
}

/**
 * A second build as a rebuild with a changed stylesheet writes it: new content under a new
 * hashed name, every page pointing at it with its integrity, and the worker written again by
 * the build's own step (scripts/offline.mjs). Precompressed copies of what changed are dropped.
 */
function restyle(dir: string) {
  const css = FIRST_CSS.replace(/-[0-9a-f]+\.css$/, '-5ec0d0b1d0000000.css');
  const content = `${readFileSync(join(dir, FIRST_CSS), 'utf8')}\nbody { outline: 1px dashed transparent; }\n`;
  for (const suffix of ['', '.br', '.gz']) rmSync(join(dir, FIRST_CSS + suffix), { force: true });
  writeFileSync(join(dir, css), content);
  const integrity = `sha384-${createHash('sha384').update(content).digest('base64')}`;
  const pages = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? pages(join(folder, entry.name)) : entry.name.endsWith('.html') ? [join(folder, entry.name)] : [],
    );
  for (const path of pages(dir)) {
    const html = readFileSync(path, 'utf8');
    writeFileSync(path, html.replace(new RegExp(`${FIRST_CSS}" integrity="[^"]*"`, 'g'), `${css}" integrity="${integrity}"`));
    for (const suffix of ['.br', '.gz']) rmSync(path + suffix, { force: true });
  }
  for (const suffix of ['.br', '.gz']) rmSync(join(dir, 'sw.js' + suffix), { force: true });
  execFileSync('node', ['scripts/offline.mjs', dir, '/']);
  return css;
}

/** Turns offline reading on and waits until it is done: the feed saved, the newest kept. */
async function turnOn(page: Page) {
  await page.getByLabel(TOGGLE).check();
  await expect(page.getByLabel(TOGGLE)).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('.offline-stored')).toContainText('Збережено');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** The worker's index of kept articles (scripts/sw.template.js): their paths. */
const keptPaths = (page: Page) =>
  page.evaluate(async () => {
    const saved = await caches.match(new URL('__vistka/index.json', document.baseURI).href);
    return Object.keys(saved ? await saved.json() : {});
  });

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

  test('installable: Chromium finds nothing missing, with no worker registered', async ({ baseURL, launchOptions }, testInfo) => {
    // Chromium's own installability checks, which Lighthouse's PWA audits reported until
    // Lighthouse 12 dropped them; a profile on disk, as no site can be installed from an
    // incognito context (Playwright's default).
    const profile = testInfo.outputPath('profile');
    const browser = await chromium.launchPersistentContext(profile, launchOptions);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(baseURL ?? '/');
      await takenOver(page);
      const devtools = await browser.newCDPSession(page);
      expect(await devtools.send('Page.getInstallabilityErrors')).toEqual({ installabilityErrors: [] });
      expect(await registrations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('on: the front page and the articles read, with pictures, work offline; off removes all', async ({ page, expectConsole, context }) => {
    // The network cut on purpose: what the worker cannot answer fails as the browser reports.
    expectConsole(/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED) /);
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

  test('the newest 20 are kept when it is turned on, but not on a save-data connection', async ({ page, browser }) => {
    await page.goto('/');
    await takenOver(page);
    await turnOn(page);
    await expect(page.locator('.offline-stored')).toContainText('Збережено 20 дописів');

    const saving = await browser.newContext({ locale: 'uk-UA' });
    const frugal = await saving.newPage();
    await frugal.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
    await frugal.goto('/');
    await takenOver(frugal);
    await turnOn(frugal);
    await expect(frugal.locator('.offline-stored')).toContainText('Збережено 0 дописів');
    // What the reader opens is still kept.
    await frugal.locator('main .card-title a').first().click();
    await expect(frugal.locator('main article h1')).toBeVisible();
    await expect(frugal.locator('.offline-stored')).toContainText('Збережено 1 допис,');
    await saving.close();
  });

  test('at most 200 articles, the least recently read out first', async ({ page }) => {
    await page.goto('/');
    await takenOver(page);
    await turnOn(page);
    const newest = await keptPaths(page);
    expect(newest).toHaveLength(20);
    // 200 more articles read, as the app tells the worker (src/offline.js), the first of
    // them read before the others.
    await page.evaluate(async () => {
      const tell = (articles: { path: string; images: string[] }[]) =>
        new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          navigator.serviceWorker.controller?.postMessage({ type: 'read', articles }, [channel.port2]);
        });
      await tell([{ path: '/article/read-first', images: [] }]);
      await tell(Array.from({ length: 199 }, (_, i) => ({ path: `/article/read-${i}`, images: [] })));
    });
    // The 20 kept when it was turned on were read least recently: they went.
    const kept = await keptPaths(page);
    expect(kept).toHaveLength(200);
    expect(kept.filter((path) => newest.includes(path))).toEqual([]);
    // Reading one of those again keeps it, and the least recently read one goes.
    await page.goto(newest[0]);
    await expect.poll(() => keptPaths(page)).toContain(newest[0]);
    await expect(page.locator('.offline-stored')).toContainText('Збережено 200 дописів');
    expect(await keptPaths(page)).not.toContain('/article/read-first');
  });

  test('a browser that will not store the files: the control says so, stays off, the site works', async ({ page, baseURL }) => {
    await page.goto('/');
    await takenOver(page);
    // Room for less than the app's wasm alone (~600 KB), as on a phone that is out of space.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 100_000 });
    await page.getByLabel(TOGGLE).check();
    await expect(page.locator('.offline-stored')).toHaveText(/Не вдалося зберегти сайт на пристрої/);
    await expect(page.getByLabel(TOGGLE)).not.toBeChecked();
    expect(await registrations(page)).toEqual([]);
    expect(await cacheNames(page)).toEqual([]);
    await page.locator('main .card-title a').first().click();
    await expect(page.locator('main article h1')).toBeVisible();
  });

  test('a new deploy is picked up on the next load, and no page mixes two builds', async ({ page, expectConsole, context }) => {
    // The network cut on purpose: what the worker cannot answer fails as the browser reports.
    expectConsole(/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED) /);
    deploy('first');
    const secondCss = restyle(deploy('second'));
    go('first');
    await page.goto(DEPLOY);
    await takenOver(page);
    await turnOn(page);
    const [firstCache] = await appCaches(page);
    expect(await stylesheet(page)).toBe(FIRST_CSS);

    // The publisher uploads the second build; the reader loads the site again.
    go('second');
    await page.reload();
    await takenOver(page);
    // The page came from the network, whole: the new build's stylesheet, and it applies.
    expect(await stylesheet(page)).toBe(secondCss);
    await expect(page.locator('body')).toHaveCSS('outline-style', 'dashed');
    // The new worker replaced the old one and its files.
    await expect.poll(() => appCaches(page)).toEqual([expect.not.stringMatching(firstCache)]);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(loaded.filter((name) => name.endsWith(FIRST_CSS))).toEqual([]);

    // Offline, the saved app is the new build's, whole.
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('main .card')).toHaveCount(20);
    expect(await stylesheet(page)).toBe(secondCss);
    await expect(page.locator('body')).toHaveCSS('outline-style', 'dashed');
    await context.setOffline(false);
    await page.getByLabel(TOGGLE).uncheck();
    await expect.poll(() => registrations(page)).toEqual([]);
  });

  test('under /news/: the worker is scoped to the sub-path and works offline', async ({ page, expectConsole, context }) => {
    // The network cut on purpose: what the worker cannot answer fails as the browser reports.
    expectConsole(/^Failed to load resource: net::ERR_(FAILED|INTERNET_DISCONNECTED) /);
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
