import { defineConfig } from 'vitest/config';

// Tests run in Node (they build the page and drive Chromium); the dev-server plugin is not wanted here.
export default defineConfig({
  test: { name: 'example-approval-system', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
});
