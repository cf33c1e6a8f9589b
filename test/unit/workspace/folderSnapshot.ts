// Every file and folder under a folder with its content, to see what an operation wrote or deleted
// (used by the unit and the vscode tiers).
import * as fs from 'node:fs';
import * as path from 'node:path';

export function folderSnapshot(root: string): Map<string, string> {
  const seen = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    seen.set(path.relative(root, full), entry.isDirectory() ? '<dir>' : fs.readFileSync(full, 'utf8'));
  }
  return seen;
}
