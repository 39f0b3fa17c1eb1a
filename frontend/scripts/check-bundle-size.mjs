// After `vite build`: the JavaScript a cadre's phone loads before the first screen, gzipped, must
// stay under the budget (issue 6: 250 KB). That is the entry and its static imports plus the cadre
// app's chunk and its static imports. Prints every chunk; exits 1 when over budget or when any
// admin-only chunk (Ant Design) would be loaded by the cadre app.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_BYTES = 250 * 1000;
const CADRE = 'src/apps/cadre/CadreApp.tsx';
const ADMIN_PREFIX = 'src/apps/admin/';

// The build folder: dist/, or the one given (`node scripts/check-bundle-size.mjs /tmp/my-dist`).
const dist = process.argv[2]
  ? `${process.argv[2].replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));

/** The manifest keys loaded with `key`: itself and its static imports, transitively. */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(imported, seen);
  return seen;
}

const gzipped = (file) => gzipSync(readFileSync(`${dist}${file}`)).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
// A lazy chunk is keyed by its source, or by its file when rollup merged shared code into it.
const chunkOf = (src, name) =>
  Object.keys(manifest).find((key) => key === src || manifest[key].name === name);
const cadre = chunkOf(CADRE, 'CadreApp');
const isAdmin = (key) =>
  key.startsWith(ADMIN_PREFIX) || ['AdminApp', 'DashboardRoute'].includes(manifest[key].name);
if (!entry || !cadre) {
  console.error(`check-bundle-size: no entry or no ${CADRE} in the manifest`);
  process.exit(1);
}

console.log('chunk'.padEnd(48), 'gzip'.padStart(10));
for (const key of Object.keys(manifest).sort()) {
  console.log(manifest[key].file.padEnd(48), kb(gzipped(manifest[key].file)).padStart(10));
}

const initial = new Set([...staticClosure(entry), ...staticClosure(cadre)]);
const total = [...initial].reduce((sum, key) => sum + gzipped(manifest[key].file), 0);
const admin = [...initial].filter(isAdmin);
console.log(
  `\ncadre app initial JavaScript (${initial.size} chunks): ${kb(total)} gzipped, budget ${kb(BUDGET_BYTES)}`,
);

if (admin.length) {
  console.error(`FAIL: the cadre app loads admin chunks: ${admin.join(', ')}`);
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`FAIL: over budget by ${kb(total - BUDGET_BYTES)}`);
  process.exit(1);
}
console.log('OK: under budget');
