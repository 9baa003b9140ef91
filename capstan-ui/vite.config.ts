import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands where Maven packs classes, so the jar serves it from dev/capstan/ui/.
// Paths are absolute (base '/') because the server answers every deep link with index.html.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/dev/capstan/ui',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
