import { defineConfig } from 'vitest/config';

// One vitest run for the whole workspace: every package (and the top-level tests/) is a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', 'extension', 'tests'],
  },
});
