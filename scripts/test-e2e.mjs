// The e2e tier: packages the VSIX, then runs test/e2e/*.test.ts with mocha. Each scenario installs
// that VSIX into a fresh code-server and drives it with headless Chromium; screenshots go to
// test-results/.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from './lib/package-vsix.mjs';
import { ensureCodeServer } from './lib/code-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureCodeServer();
packageVsix(root);
const mocha = spawnSync('npx', ['mocha', '--config', '.mocharc.e2e.json', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(mocha.status ?? 1);
