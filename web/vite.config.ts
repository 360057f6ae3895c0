import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The zod schemas live in functions/src/model and are imported here as `@model/...`:
// one schema per concept, shared by the functions and the web client.
const model = fileURLToPath(new URL('../functions/src/model', import.meta.url));
/** Source maps go here, beside the deployed folder (web/dist), never into it: Hosting would publish them. */
const MAPS = fileURLToPath(new URL('./sourcemaps', import.meta.url));

/** Moves the build's source maps out of the bundle into web/sourcemaps/ (kept for debugging, not deployed). */
function mapsOutOfDist(): Plugin {
  return {
    name: 'regulars:maps-out-of-dist',
    apply: 'build',
    generateBundle(_options, bundle) {
      rmSync(MAPS, { recursive: true, force: true });
      for (const [name, item] of Object.entries(bundle)) {
        if (!name.endsWith('.map') || item.type !== 'asset') continue;
        const file = join(MAPS, name);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, item.source);
        delete bundle[name];
      }
    },
  };
}

export default defineConfig({
  resolve: { alias: { '@model': model } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, fs: { allow: ['..'] } },
  // 'hidden': maps are made but the scripts do not point to them (they are not served). Two entries:
  // the back office (index.html) and the public pages (public.html: sign-up, confirmation,
  // preferences), which load none of the back office's code.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { main: fileURLToPath(new URL('index.html', import.meta.url)), public: fileURLToPath(new URL('public.html', import.meta.url)) } },
  },
  plugins: [mapsOutOfDist()],
});
