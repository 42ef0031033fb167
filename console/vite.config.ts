import { defineConfig } from 'vitest/config';

// Served by the local HTTP API under /console/ (infra/local/runtime: ConsoleSite); JSX is Preact's.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
