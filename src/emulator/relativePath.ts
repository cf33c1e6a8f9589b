// Paths that requests name inside a folder (definition parts in an item's folder, files in a Git
// connection's folder) become Git tree entries and files on disk: each must name a place inside
// its folder, the same on every system.

/** Whether `path` is relative with `/` between names, none empty, `.`, `..` or `.git`, and no backslash or control character. */
export function isRelativePath(path: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a path
  return path.split('/').every((name) => name && name !== '.' && name !== '..' && name.toLowerCase() !== '.git' && !/[\x00-\x1f\x7f\\]/.test(name));
}
