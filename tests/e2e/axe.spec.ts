import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, takenOver, test, VIEWS, withLang } from './fixtures';

// axe-core on every view, in both colour schemes, with WCAG 2.0/2.1 A and AA, best practices
// and WCAG 2.2 target size. The consent banner is open in each (a first visit).

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // WCAG 2.2 target size is not in the tags above: switched on by name.
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

// The embed also in its dark theme, which partners choose whatever the reader's scheme.
const AUDITED = [...VIEWS, ['embed, dark theme', '/embed?count=5&theme=dark', '.embed-list li']] as const;

for (const lang of ['uk', 'en'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, path, ready] of AUDITED) {
      test(`axe: ${name}, ${lang}, ${scheme} scheme`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(withLang(path, lang));
        // The app's view, banner and all: not the page as built, which it replaces.
        await takenOver(page);
        await expect(page.locator(ready).first()).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        expect(await violations(page)).toEqual([]);
      });
    }

    test(`axe: consent settings dialog, ${lang}, ${scheme} scheme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(withLang('/', lang));
      await page.getByRole('button', { name: lang === 'uk' ? 'Налаштування' : 'Settings', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }
}
