import { defineConfig } from 'vitest/config';

// Prints how long the list filtering and the tree layout take at the mock's sizes; asserts no time.
export default defineConfig({
  test: {
    include: ['src/**/*.measure.ts'],
    environment: 'node',
  },
});
