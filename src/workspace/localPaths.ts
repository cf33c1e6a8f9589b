// Names from Fabric become files on the user's disk (export) and local files become parts (import).
// A display name or a part path is text the server (or whoever last saved the item) chose: before it
// touches the disk it must name a place inside the chosen folder, on every system the folder may be
// shared with through Git, Windows included. One rule set for export, import and `fabricwb` files.
import { itemFolderName } from '../fabric/definition';

/** Characters Windows forbids in a file name, and the control characters (NUL included). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
/** Device names Windows reserves, whatever follows the first dot (`NUL.txt` is the device too). */
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
/** What most file systems allow per name, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;

/** Why `name` cannot be one file or folder name on every system, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (name === '.' || name === '..') return `"${name}" names a folder, not a file`;
  const forbidden = FORBIDDEN.exec(name)?.[0];
  if (forbidden !== undefined) return `it contains ${describeCharacter(forbidden)}`;
  if (/[. ]$/.test(name)) return 'it ends with a dot or a space';
  const device = name.split('.')[0].trimEnd();
  if (RESERVED.test(device)) return `"${device}" is a device name on Windows`;
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `it is longer than ${MAX_NAME_BYTES} bytes`;
  return undefined;
}

/** Why a definition part's path cannot be written under an item folder, or undefined when it can. */
export function partPathProblem(path: string): string | undefined {
  if (path.startsWith('/') || path.startsWith('\\')) return `"${path}" is an absolute path`;
  if (/^[A-Za-z]:/.test(path)) return `"${path}" starts with a drive letter`;
  for (const segment of path.split('/')) {
    const problem = nameProblem(segment);
    if (problem) return `"${path}" is not a safe file path: ${problem}`;
  }
  return undefined;
}

/** Why an item's `<DisplayName>.<Type>` folder cannot be created, or undefined when it can. */
export function itemFolderProblem(displayName: string, type: string): string | undefined {
  const folder = itemFolderName(displayName, type);
  const problem = nameProblem(folder);
  return problem && `"${folder}" is not a safe folder name: ${problem}`;
}

/**
 * Whether a path stays where it is put: no empty, `.` or `..` segment. The `fabricwb` file system
 * needs only this (its names never reach a disk), so it still shows items named `a: b` or `CON`.
 */
export function staysInside(path: string): boolean {
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function describeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  return code < 0x20 ? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${character}"`;
}
