import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The zod schemas live in functions/src/model and are imported here as `@model/...`:
// one schema per concept, shared by the functions and the web client.
const model = fileURLToPath(new URL('../functions/src/model', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@model': model } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: ['..'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Two entries: the back office (index.html) and the public pages (public.html: sign-up,
    // confirmation, preferences), which load none of the back office's code.
    rollupOptions: { input: { main: fileURLToPath(new URL('index.html', import.meta.url)), public: fileURLToPath(new URL('public.html', import.meta.url)) } },
  },
});
