// Where the Fabric OpenAPI specs' examples are: $FABRIC_SHARED_DIR/specs when set, else the copy in
// test/fixtures. Tests that read them fail loudly when they are missing instead of testing nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** The folder that holds `specs/`. */
export function sharedDir(): string {
  const dir = process.env.FABRIC_SHARED_DIR || path.resolve(__dirname, '../../fixtures');
  if (!existsSync(path.join(dir, 'specs'))) {
    throw new Error(`The Fabric specs were not found at ${dir}/specs. Set FABRIC_SHARED_DIR to a folder holding specs/.`);
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
