import { defineConfig } from 'vitest/config';

// Served by the local HTTP API under /console/ (infra/local/runtime: ConsoleSite) and on AWS from S3 behind CloudFront
// at / (template.yaml, console/scripts/deploy-console.mjs); JSX is Preact's.
export default defineConfig({
  base: './', // relative: the same build is served under /console/ locally and at / behind CloudFront
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: { include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs', 'e2e/**/*.test.mjs'], environment: 'node' },
});
