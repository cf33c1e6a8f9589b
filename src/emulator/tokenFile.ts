// The emulator's bearer token and where local clients find it. Each data folder has its own random
// token (`<data>/token`, mode 0600) unless one is given, so a web page cannot guess it. A running
// emulator also leaves it in a per-user file named after the address it serves
// (`~/.fabric-workbench/emulator/loopback-5015.token`, mode 0600): the extension's "Use the Local
// Emulator" reads it for the configured URL and connects in one step, and no setting ever holds it.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const DEFAULT_TOKEN_DIR = path.join(homedir(), '.fabric-workbench', 'emulator');

const DATA_FOLDER_TOKEN = 'token';

/** Writes a file only its owner can read, atomically (a reader never sees half a token). */
function writePrivate(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600); // the mode above is only applied through the umask
  fs.renameSync(temporary, file);
}

function readToken(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The data folder's token: the one it holds, else a new random one written there. */
export function dataFolderToken(dataDir: string): string {
  const file = path.join(dataDir, DATA_FOLDER_TOKEN);
  const existing = readToken(file);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  writePrivate(file, `${token}\n`);
  return token;
}

/** Loopback and wildcard binds are one address for a local client: 127.0.0.1, localhost and ::1 alike. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|0\.0\.0\.0|::)$/i;

/** The per-user token file of the emulator at `url` (`http://127.0.0.1:5015`, `/v1` or not). */
export function tokenFilePath(url: string, dir = DEFAULT_TOKEN_DIR): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const name = LOOPBACK.test(host) ? 'loopback' : host.toLowerCase().replace(/[^a-z0-9.-]/g, '_');
  return path.join(dir, `${name}-${port}.token`);
}

/** The emulator's API base: its address with `/v1` (accepted with or without it). */
export function emulatorBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/** The token a running emulator left for `url`, if any. */
export function readPublishedToken(url: string, dir = DEFAULT_TOKEN_DIR): string | undefined {
  const file = tokenFilePath(url, dir);
  return file === undefined ? undefined : readToken(file);
}

/**
 * Leaves the token for local clients; `unpublish` removes it again (if still ours). Undefined when
 * the file cannot be written (a read-only home): clients then ask for the printed token instead.
 */
export function publishToken(url: string, token: string, dir = DEFAULT_TOKEN_DIR): { file: string; unpublish(): void } | undefined {
  const file = tokenFilePath(url, dir)!;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    writePrivate(file, `${token}\n`);
  } catch {
    return undefined;
  }
  return {
    file,
    unpublish: () => {
      try {
        if (readToken(file) === token) fs.rmSync(file, { force: true });
      } catch {
        // Left behind: the next emulator on this address overwrites it.
      }
    },
  };
}
