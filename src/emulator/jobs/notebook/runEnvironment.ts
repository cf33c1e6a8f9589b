// The environment notebook code runs in: what finds and runs Python, nothing else (no tokens, no
// keys), with the run's own folder as HOME and temporary folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

const INHERITED = [
  'PATH',
  'PATHEXT',
  'SYSTEMROOT',
  'WINDIR',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'VIRTUAL_ENV',
  'CONDA_PREFIX',
  'PYTHONPATH',
  'PYTHONHOME',
  'PYTHONUSERBASE',
];

/** For a Python process whose HOME, USERPROFILE, TMPDIR, TMP and TEMP are `home`. */
export function runEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED) if (process.env[name] !== undefined) env[name] = process.env[name];
  // pip install --user packages stay importable although HOME moves.
  if (process.platform === 'linux') env.PYTHONUSERBASE ??= join(homedir(), '.local');
  return { ...env, HOME: home, USERPROFILE: home, TMPDIR: home, TMP: home, TEMP: home, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' };
}
