import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,hardware,apps,test,scripts}/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 20_000,
  },
});
