import { expect, test as base } from '@playwright/test';

/**
 * The suite's `test`: every test also fails on any uncaught error in the page, which is how a
 * panic in the wasm shows up.
 */
export const test = base.extend<{ crashWatch: void }>({
  crashWatch: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
