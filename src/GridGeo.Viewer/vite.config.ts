import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The API serves these files from its wwwroot (git-ignored), index.html at `/`.
export default defineConfig({
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../GridGeo.Api/wwwroot', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5080', '/health': 'http://127.0.0.1:5080' },
  },
});
