// Where the team's shared reference folder is: $FABRIC_SHARED_DIR, else `../shared` beside the repo.
// Tests that read it fail loudly when it is missing instead of silently testing nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export function sharedDir(): string {
  const dir = process.env.FABRIC_SHARED_DIR ?? path.resolve(__dirname, '../../../../shared');
  if (!existsSync(path.join(dir, 'specs'))) {
    throw new Error(`The shared reference folder was not found at ${dir} (expected ${dir}/specs). Put it beside the repo as ../shared or set FABRIC_SHARED_DIR.`);
  }
  return dir;
}

/** Every `*.json` under `specs/<area>/examples/`, recursively. */
export function specExampleFiles(): string[] {
  const specs = path.join(sharedDir(), 'specs');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.json')) files.push(full);
    }
  };
  for (const area of readdirSync(specs)) {
    const examples = path.join(specs, area, 'examples');
    if (existsSync(examples)) walk(examples);
  }
  return files;
}
