import { expect, test as base } from '@playwright/test';

const CSP_MARK = 'vistka-csp-violation:';

/**
 * The suite's `test`: every test also fails on any uncaught error in the page (which is how a
 * panic in the wasm shows up) and on any Content Security Policy violation, on every view the
 * test visits.
 */
export const test = base.extend<{ pageWatch: void }>({
  pageWatch: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const violations: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.text().startsWith(CSP_MARK)) violations.push(message.text());
      });
      await page.addInitScript((mark) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.warn(`${mark} ${event.violatedDirective} ${event.blockedURI} on ${location.pathname}`);
        });
      }, CSP_MARK);
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(violations, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
