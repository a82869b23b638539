import type { Page } from '@playwright/test';
import { expect, refuseStorage, takenOver, test } from './fixtures';

// The cookie consent a privacy regulator would accept: asked before anything optional,
// remembered, changeable, and never breaking the site.

const KEY = 'vistka.consent';
const DAY = 24 * 60 * 60 * 1000;

const banner = (page: Page) => page.getByRole('region', { name: 'Цей сайт використовує Cookies.' });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Налаштування cookies' });

async function storedRecord(page: Page) {
  const text = await page.evaluate((key) => localStorage.getItem(key), KEY);
  return text === null ? null : JSON.parse(text);
}

/** Waits until the app has taken the prerendered page over (src/boot.rs marks <html>): only
 * then is the banner shown, or known to stay away. */
async function openFrontPage(page: Page) {
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await takenOver(page);
}

/** A stored record as the app writes it, `ageDays` old. */
function record(ageDays: number, revision = 1, choices = { analytics: true, media: true }) {
  return JSON.stringify({
    version: 1,
    revision,
    given_at: new Date(Date.now() - ageDays * DAY).toISOString(),
    id: '0b9f3f5e-2f7a-4a59-9d8e-6c1f3c2b1a00',
    ...choices,
  });
}

async function seed(page: Page, value: string) {
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [KEY, value]);
}

test('a first visit asks, with accept and reject equally prominent, and stores nothing before', async ({ page, context }) => {
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText('Аналітику та зовнішні медіа');
  const accept = banner(page).getByRole('button', { name: 'Прийняти все' });
  const reject = banner(page).getByRole('button', { name: 'Відхилити все' });
  await expect(banner(page).getByRole('button', { name: 'Налаштування' })).toBeVisible();
  // Same size, same colours: neither answer is the easy one.
  const look = (button: typeof accept) =>
    button.evaluate((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return [style.backgroundColor, style.color, style.fontSize, style.fontWeight, Math.round(box.height)];
    });
  expect(await look(accept)).toEqual(await look(reject));
  // Both are on the first screen.
  await expect(accept).toBeInViewport();
  await expect(reject).toBeInViewport();
  // Nothing optional stored or set before a choice.
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  // The page is still usable with the banner open: it is not a modal.
  await page.locator('main .card-title a').first().click();
  await expect(page.locator('main article h1')).toBeVisible();
  await expect(banner(page)).toBeVisible();
});

test('an English publication asks in English', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ json: { default_language: 'en' } }));
  await page.goto('/');
  const english = page.getByRole('region', { name: 'This site uses cookies.' });
  await expect(english).toBeVisible();
  await expect(english.getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect(english.getByRole('button', { name: 'Reject all' })).toBeVisible();
  await english.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Cookie settings' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'External media' })).toBeVisible();
});

test('accepting all is remembered as one versioned record, and the banner stays away', async ({ page }) => {
  await openFrontPage(page);
  const before = Date.now();
  await banner(page).getByRole('button', { name: 'Прийняти все' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('#main')).toBeFocused();
  const saved = await storedRecord(page);
  expect(saved).toMatchObject({ version: 1, revision: 1, analytics: true, media: true });
  expect(saved.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Date.parse(saved.given_at)).toBeGreaterThanOrEqual(before - 1000);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([KEY]);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await takenOver(page);
  await expect(banner(page)).toHaveCount(0);
});

test('rejecting all is remembered too', async ({ page }) => {
  await openFrontPage(page);
  await banner(page).getByRole('button', { name: 'Відхилити все' }).click();
  await expect(banner(page)).toHaveCount(0);
  expect(await storedRecord(page)).toMatchObject({ analytics: false, media: false });
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await takenOver(page);
  await expect(banner(page)).toHaveCount(0);
});

test('settings offer necessary (always on), analytics and external media', async ({ page }) => {
  await openFrontPage(page);
  await banner(page).getByRole('button', { name: 'Налаштування' }).click();
  await expect(dialog(page)).toBeVisible();
  const necessary = dialog(page).getByRole('checkbox', { name: 'Необхідні (завжди увімкнені)' });
  await expect(necessary).toBeChecked();
  await expect(necessary).toBeDisabled();
  await expect(dialog(page)).toContainText('Запам’ятовують у цьому браузері ваш вибір щодо cookies і мову сайту');
  await expect(dialog(page).getByRole('checkbox', { name: 'Аналітика' })).not.toBeChecked();
  await dialog(page).getByRole('checkbox', { name: 'Зовнішні медіа' }).check();
  await dialog(page).getByRole('button', { name: 'Зберегти вибір' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(banner(page)).toHaveCount(0);
  expect(await storedRecord(page)).toMatchObject({ analytics: false, media: true });
});

test('the footer link reopens the choices on every view, and a withdrawal is stored at once', async ({ page }) => {
  await seed(page, record(3));
  for (const path of ['/', '/article/mist-cherez-tykhu-vidkryiut-do-zymy', '/category/kultura', '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    await takenOver(page);
    await expect(banner(page)).toHaveCount(0);
    await expect(page.locator('footer').getByRole('button', { name: 'Налаштування cookies' })).toBeVisible();
  }
  const link = page.locator('footer').getByRole('button', { name: 'Налаштування cookies' });
  await link.click();
  await expect(dialog(page).getByRole('checkbox', { name: 'Аналітика' })).toBeChecked();
  await dialog(page).getByRole('checkbox', { name: 'Аналітика' }).uncheck();
  await dialog(page).getByRole('button', { name: 'Зберегти вибір' }).click();
  await expect(dialog(page)).toBeHidden();
  expect(await storedRecord(page)).toMatchObject({ analytics: false, media: true });
  // Escape closes without a change, and focus goes back to the link that opened it.
  await link.click();
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(link).toBeFocused();
});

for (const [name, value] of [
  ['an expired record', record(183)],
  ['a corrupt record', '{"version":1,"revision":'],
  ['a record from another format version', record(1).replace('"version":1', '"version":9')],
  ['a record dated in the future', record(-30)],
]) {
  test(`${name} brings the banner back`, async ({ page }) => {
    await seed(page, value);
    await openFrontPage(page);
    await expect(banner(page)).toBeVisible();
  });
}

test('a record still inside its lifetime keeps the banner away', async ({ page }) => {
  await seed(page, record(181));
  await openFrontPage(page);
  await expect(page.locator('footer').getByRole('button', { name: 'Налаштування cookies' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
});

test('raising the policy revision in config.json asks again', async ({ page }) => {
  await seed(page, record(1, 1));
  await page.route('**/config.json', (route) => route.fulfill({ json: { consent: { revision: 2 } } }));
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Відхилити все' }).click();
  expect(await storedRecord(page)).toMatchObject({ revision: 2 });
});

test('a shorter lifetime in config.json expires older records', async ({ page }) => {
  await seed(page, record(40));
  await page.route('**/config.json', (route) => route.fulfill({ json: { consent: { lifetime_days: 30 } } }));
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
});

test('the analytics script loads only with analytics consent, and goes when it is withdrawn', async ({ page }) => {
  const analyticsRequests: string[] = [];
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { consent: { analytics_script: '/analytics-test.js' } } }),
  );
  await page.route('**/analytics-test.js', (route) => {
    analyticsRequests.push(route.request().url());
    return route.fulfill({ contentType: 'text/javascript', body: 'window.analyticsRan = true;' });
  });
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Відхилити все' }).click();
  await expect(banner(page)).toHaveCount(0);
  expect(analyticsRequests).toEqual([]);
  await expect(page.locator('script#vistka-analytics')).toHaveCount(0);

  await page.locator('footer').getByRole('button', { name: 'Налаштування cookies' }).click();
  await dialog(page).getByRole('checkbox', { name: 'Аналітика' }).check();
  await dialog(page).getByRole('button', { name: 'Зберегти вибір' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { analyticsRan?: boolean }).analyticsRan)).toBe(true);
  expect(analyticsRequests).toHaveLength(1);

  await page.locator('footer').getByRole('button', { name: 'Налаштування cookies' }).click();
  await dialog(page).getByRole('button', { name: 'Відхилити все' }).click();
  await expect(page.locator('script#vistka-analytics')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await takenOver(page);
  expect(analyticsRequests).toHaveLength(1);
});

test('when localStorage throws, the choice holds for the page and the banner returns next time', async ({ page, expectConsole }) => {
  expectConsole(/^Vistka: the consent choice could not be stored/);
  await refuseStorage(page);
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
  await banner(page).getByRole('button', { name: 'Прийняти все' }).click();
  await expect(banner(page)).toHaveCount(0);
  // The site keeps working in the same session.
  await page.locator('main .card-title a').first().click();
  await expect(page.locator('main article h1')).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  await expect(banner(page)).toBeVisible();
});

test('when the localStorage getter itself throws, the site still works', async ({ page, expectConsole }) => {
  expectConsole(/^Vistka: the consent choice could not be stored/);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  await openFrontPage(page);
  await banner(page).getByRole('button', { name: 'Відхилити все' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('main .card')).toHaveCount(20);
});

test('keyboard: the banner comes first, then the skip link; every control is reachable', async ({ page }) => {
  await openFrontPage(page);
  await expect(banner(page)).toBeVisible();
  const order: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
  }
  expect(order).toEqual(['Прийняти все', 'Відхилити все', 'Налаштування', 'Перейти до змісту']);
  // The skip link is visible when focused, and focus is visible on the banner's buttons.
  await expect(page.locator('.skip-link')).toBeInViewport();
  await page.keyboard.press('Shift+Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Tab');
  // Settings by keyboard: the dialog takes focus, Escape gives it back.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(banner(page).getByRole('button', { name: 'Налаштування' })).toBeFocused();
  // Choosing by keyboard moves focus to the content, not to nowhere.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('#main')).toBeFocused();
});

test.describe('third-party embeds in articles', () => {
  const playerRequests: string[] = [];

  test.beforeEach(async ({ page }) => {
    playerRequests.length = 0;
    await page.route('**/feed.json', (route) =>
      route.fulfill({
        json: {
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Вістка',
          language: 'uk',
          items: [
            {
              id: 'video',
              title: 'Репортаж із відео',
              date_published: '2024-11-23T10:00:00+02:00',
              content_html:
                '<p>Перед відео.</p>' +
                '<iframe src="https://www.youtube.com/embed/abc123" title="Перше відео"></iframe>' +
                '<p>Між відео.</p>' +
                '<iframe src="https://player.vimeo.com/video/42" title="Друге відео"></iframe>' +
                '<iframe src="https://evil.example/embed/x" title="Чуже"></iframe>',
            },
          ],
        },
      }),
    );
    for (const host of ['https://www.youtube-nocookie.com/**', 'https://player.vimeo.com/**', 'https://evil.example/**']) {
      await page.route(host, (route) => {
        playerRequests.push(route.request().url());
        return route.fulfill({ contentType: 'text/html', body: '<p>player</p>' });
      });
    }
  });

  test('show click-to-load placeholders until external-media consent', async ({ page }) => {
    await page.goto('/article/reportazh-iz-video');
    const body = page.locator('.article-body');
    await expect(body.locator('.embed-placeholder')).toHaveCount(2);
    await expect(body.locator('.embed-placeholder').first()).toContainText('www.youtube-nocookie.com');
    await expect(body.locator('iframe')).toHaveCount(0);
    expect(playerRequests).toEqual([]);

    // One click loads that one embed, and consents to nothing.
    await body.getByRole('button', { name: 'Показати цей матеріал' }).first().click();
    await expect(body.locator('iframe')).toHaveCount(1);
    await expect(body.locator('iframe')).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/abc123');
    await expect(body.locator('iframe')).toHaveAttribute('title', 'Перше відео');
    await expect(body.locator('.embed-placeholder')).toHaveCount(1);
    await expect.poll(() => playerRequests.length).toBe(1);
    expect(await storedRecord(page)).toBeNull();
  });

  test('load with consent and are replaced by placeholders when it is withdrawn', async ({ page }) => {
    await page.goto('/article/reportazh-iz-video');
    const body = page.locator('.article-body');
    await banner(page).getByRole('button', { name: 'Прийняти все' }).click();
    await expect(body.locator('iframe')).toHaveCount(2);
    await expect(body.locator('.embed-placeholder')).toHaveCount(0);
    await expect.poll(() => playerRequests.length).toBe(2);
    expect(playerRequests.some((url) => url.includes('evil.example'))).toBe(false);

    await page.locator('footer').getByRole('button', { name: 'Налаштування cookies' }).click();
    await dialog(page).getByRole('checkbox', { name: 'Зовнішні медіа' }).uncheck();
    await dialog(page).getByRole('button', { name: 'Зберегти вибір' }).click();
    await expect(body.locator('iframe')).toHaveCount(0);
    await expect(body.locator('.embed-placeholder')).toHaveCount(2);
  });
});
