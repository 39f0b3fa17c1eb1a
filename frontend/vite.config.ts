/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rollup';

const src = fileURLToPath(new URL('./src', import.meta.url));
const swTemplate = fileURLToPath(new URL('./sw/service-worker.js', import.meta.url));

// The admin app (Ant Design, charts) is never needed on a cadre's phone: its chunks are left out of
// what the service worker stores ahead of time.
const ADMIN_ROOT = `${src}/apps/admin/`;

/** Files the cadre app needs offline: the entry, its imports, and every lazy chunk but admin's. */
export function offlineFiles(bundle: OutputBundle): string[] {
  const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const wanted = new Set<string>();
  const visit = (name: string) => {
    const chunk = byName.get(name);
    if (!chunk || wanted.has(name)) return;
    // By the modules it holds, not its facade: a lazy chunk rollup merged shared code into has
    // none (the admin app's did, and phones precached all of Ant Design).
    if (chunk.moduleIds.some((id) => id.startsWith(ADMIN_ROOT))) return;
    wanted.add(name);
    chunk.imports.forEach(visit);
    chunk.dynamicImports.forEach(visit);
    chunk.viteMetadata?.importedCss.forEach((css) => wanted.add(css));
  };
  chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
  return [...wanted].sort();
}

/**
 * Writes dist/sw.js from sw/service-worker.js with this build's file list inlined, so each build
 * is a new service worker (its bytes change) and phones pick up the new app on the next visit.
 */
function serviceWorker(): Plugin {
  return {
    name: 'fumin-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = [
        '/',
        '/manifest.webmanifest',
        '/icon.svg',
        ...offlineFiles(bundle).map((f) => `/${f}`),
      ];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(swTemplate, 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(files))
        .replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * Writes each text file of the build also as .br and .gz beside it; the gateway sends the one the
 * browser takes (services/gateway/spa.py). On a phone's weak signal that is a third of the bytes.
 */
function precompress(): Plugin {
  return {
    name: 'fumin-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(name)) continue;
        const path = join(options.dir!, name);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  resolve: { alias: { '@': src } },
  build: {
    manifest: true, // .vite/manifest.json: what scripts/check-bundle-size.mjs reads
    reportCompressedSize: true, // the gzip column in the build's list of chunks
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
});
