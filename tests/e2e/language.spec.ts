import type { Page } from '@playwright/test';
import { expect, refuseStorage, serveFeed, takenOver, test } from './fixtures';

// Which language the UI speaks: `?lang=`, then the reader's saved choice, then the publisher's
// `default_language`, then the browser's languages. The suite's browser is Ukrainian
// (playwright.config.ts); the demo offers Ukrainian and English with no default.

const ARTICLE = '/article/mist-cherez-tykhu-vidkryiut-do-zymy';
const EN_ARTICLE = '/article/verbolozys-night-bus-gets-a-second-route';

// The switch is one button in the header, named in the language it switches to.
const switchButton = (page: Page) => page.locator('.site-header button.lang-switch');

/** Waits until the app has taken the prerendered page over (src/boot.rs marks <html>). Pages
 * are built in Ukrainian: before this, a Ukrainian page says nothing about the app's choice. */
async function expectUkrainian(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(switchButton(page)).toHaveText('English');
  await expect(switchButton(page)).toHaveAttribute('lang', 'en');
}

async function expectEnglish(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(switchButton(page)).toHaveText('Українська');
  await expect(switchButton(page)).toHaveAttribute('lang', 'uk');
}

test('the switch changes every UI string, keeps focus, and is remembered', async ({ page }) => {
  await page.goto('/');
  await takenOver(page);
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await expectUkrainian(page);

  await switchButton(page).focus();
  await page.keyboard.press('Enter');
  await expectEnglish(page);
  await expect(switchButton(page)).toBeFocused();
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await expect(page).toHaveTitle(/^Latest news/);
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'This site uses cookies.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reject all' })).toBeVisible();
  await expect(page.locator('.site-footer')).toContainText('Cookie settings');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('Older');

  // Articles keep their own language whatever the UI's.
  const firstCard = page.locator('main .card').first();
  await expect(firstCard).toHaveAttribute('lang', 'uk');
  await expect(firstCard.locator('.read-more')).toContainText('Читати більше');

  // In-app navigation and a reload keep the choice.
  await firstCard.locator('.card-title a').click();
  await expect(page.locator('.fresh-posts h2')).toHaveText('Fresh posts');
  await page.reload();
  await expect(page.locator('.fresh-posts h2')).toHaveText('Fresh posts');
  await expectEnglish(page);

  // And back.
  await switchButton(page).click();
  await expect(page.locator('.fresh-posts h2')).toHaveText('Свіжі дописи');
  await page.reload();
  await takenOver(page);
  await expect(page.locator('.fresh-posts h2')).toHaveText('Свіжі дописи');
  await expectUkrainian(page);
});

test('a ?lang= link sets the language for the visit without saving it', async ({ page }) => {
  await page.goto(`${ARTICLE}?lang=en`);
  await expect(page.locator('.fresh-posts h2')).toHaveText('Fresh posts');
  await expectEnglish(page);
  // The article itself stays Ukrainian.
  await expect(page.locator('main article')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('.byline time')).toHaveText('субота, 23 листопада 2024 р.');

  // Following links inside the site keeps the visit's language…
  await page.locator('.fresh-posts a').first().click();
  await expect(page).not.toHaveURL(/lang=/);
  await expect(page.locator('.fresh-posts h2')).toHaveText('Fresh posts');
  // …but it is not the reader's saved choice: a new visit speaks the browser's language.
  await page.goto('/');
  await takenOver(page);
  await expect(page.locator('main h1')).toHaveText('Останні новини');
  await expectUkrainian(page);

  // Unknown languages are ignored.
  await page.goto('/?lang=de');
  await takenOver(page);
  await expect(page.locator('main h1')).toHaveText('Останні новини');
});

test('choosing in the switch takes ?lang= out of the address, so a reload keeps the choice', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await switchButton(page).click();
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  await takenOver(page);
  await expect(page.locator('main h1')).toHaveText('Останні новини');
});

test('the choice holds for the visit when storage throws', async ({ page, expectConsole }) => {
  expectConsole(/^Vistka: the language choice could not be stored/);
  await refuseStorage(page);
  await page.goto('/');
  await switchButton(page).click();
  await expect(page.locator('main h1')).toHaveText('Latest news');
  await page.locator('main .card-title a').first().click();
  await expect(page.locator('.fresh-posts h2')).toHaveText('Fresh posts');
});

test.describe('an English browser', () => {
  test.use({ locale: 'en-US' });

  test('gets the English UI when the publisher sets no default', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('main h1')).toHaveText('Latest news');
    await expectEnglish(page);
  });

  test("gets the publisher's default_language over the browser's", async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ json: { default_language: 'uk' } }));
    await page.goto('/');
    await takenOver(page);
    await expect(page.locator('main h1')).toHaveText('Останні новини');
    await expectUkrainian(page);
  });

  test('a site in one language has no switch and ignores ?lang=', async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ json: { languages: ['uk'] } }));
    await page.goto('/?lang=en');
    await takenOver(page);
    await expect(page.locator('main h1')).toHaveText('Останні новини');
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    await expect(switchButton(page)).toHaveCount(0);
  });
});

test('the reading time follows each language’s plural rules', async ({ page }) => {
  await page.goto(ARTICLE);
  await takenOver(page);
  await expect(page.locator('.reading-time')).toHaveText('Час читання: 1 хвилина');
  await page.goto(EN_ARTICLE);
  await takenOver(page);
  await expect(page.locator('.reading-time')).toHaveText('Reading time: 1 minute');

  // Longer bodies, at 200 words a minute: 201–400 words are 2 minutes, 801–1,000 are 5.
  const words = (n: number) => Array(n).fill('слово').join(' ');
  await serveFeed(page, {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Вістка',
    language: 'uk',
    items: [
      { id: 'a', title: 'Довгий', content_html: `<p>${words(400)}</p>`, date_published: '2024-11-23T10:00:00+02:00' },
      { id: 'b', title: 'Ще довший', content_text: words(1000), date_published: '2024-11-22T10:00:00+02:00' },
      { id: 'c', title: 'Long', content_text: words(1000), date_published: '2024-11-21T10:00:00+02:00', language: 'en' },
    ],
  });
  for (const [slug, label] of [
    ['dovhyi', 'Час читання: 2 хвилини'],
    ['shche-dovshyi', 'Час читання: 5 хвилин'],
    ['long', 'Reading time: 5 minutes'],
  ]) {
    await page.goto(`/article/${slug}`);
    await expect(page.locator('.reading-time')).toHaveText(label);
  }
});
