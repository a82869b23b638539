import { expect, takenOver, test, VIEWS, withLang } from './fixtures';

// WCAG 1.4.10 Reflow: no horizontal scrolling at 320 CSS px, and at 200 % zoom of a desktop
// window. Browser zoom shrinks the viewport in CSS pixels, so 1280 × 900 at 200 % is a
// 640 × 450 viewport: that is what is set here. The section row may scroll sideways inside
// itself (a row of links, like a tab bar); the page may not.

test.skip(({ isMobile }) => isMobile, 'the viewports are set by each test');

for (const [viewport, size] of [
  ['320 px', { width: 320, height: 640 }],
  ['200 % zoom', { width: 640, height: 450 }],
] as const) {
  for (const lang of ['uk', 'en']) {
    test(`no horizontal scrolling at ${viewport}, ${lang}`, async ({ page }) => {
      await page.setViewportSize(size);
      for (const [name, path, ready] of VIEWS) {
        await page.goto(withLang(path, lang));
        // The app's view, not the page as built, which it replaces.
        await takenOver(page);
        await expect(page.locator(ready).first()).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name}: page wider than the viewport by`).toBeLessThanOrEqual(0);
      }
      // The consent settings dialog, the widest piece of UI text.
      await page.goto(withLang('/', lang));
      await page.locator('.consent-banner button').nth(2).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      const dialog = await page.getByRole('dialog').boundingBox();
      expect(dialog && dialog.x >= 0 && dialog.x + dialog.width <= size.width, 'dialog inside the viewport').toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'with the dialog open').toBeLessThanOrEqual(0);
    });
  }
}
