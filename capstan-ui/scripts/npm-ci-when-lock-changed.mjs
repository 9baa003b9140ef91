// Runs `npm ci` only when node_modules does not match package-lock.json. The whole project is
// built often on small machines, and a clean install of the UI's packages costs far more than
// the build itself. The marker node_modules/.capstan-lock-hash holds the SHA-256 of the lock file
// (and of the Node.js version, since packages with native parts depend on it) that the last
// successful `npm ci` installed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`capstan-ui: Node.js ${process.versions.node} is too old; Vite needs 20.19 or newer.`);
  process.exit(1);
}

const LOCK = 'package-lock.json';
const MARKER = 'node_modules/.capstan-lock-hash';

const wanted = createHash('sha256')
  .update(readFileSync(LOCK))
  .update(process.version)
  .digest('hex');
const installed = existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : '';

if (installed === wanted) {
  console.log(`capstan-ui: node_modules matches ${LOCK}; npm ci skipped`);
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.error) {
  console.error(`capstan-ui: could not run npm: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(MARKER, wanted + '\n');
