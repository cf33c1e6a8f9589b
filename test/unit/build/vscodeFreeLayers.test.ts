// Only the VS Code layer may import `vscode`: the lint rule must cover every other folder under
// src/, including one added later, so this lints an import of `vscode` placed in each of them.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';

const IMPORTS_VSCODE = "import * as vscode from 'vscode';\nexport const window = vscode.window;\n";

async function restrictedImportErrors(filePath: string): Promise<number> {
  const [result] = await new ESLint().lintText(IMPORTS_VSCODE, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('vscode-free layers', () => {
  const folders = readdirSync('src', { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  it('refuses an import of vscode in every folder under src/ but src/vscode', async () => {
    const uncovered: string[] = [];
    for (const folder of folders.filter((f) => f !== 'vscode')) {
      if ((await restrictedImportErrors(`src/${folder}/nested/probe.ts`)) === 0) uncovered.push(folder);
    }
    assert.ok(folders.length > 3, `src/ has its layers: ${folders.join(', ')}`);
    assert.deepEqual(uncovered, []);
  });

  it('lets the VS Code layer and extension.ts import it', async () => {
    assert.equal(await restrictedImportErrors('src/vscode/common/probe.ts'), 0);
    assert.equal(await restrictedImportErrors('src/extension.ts'), 0);
  });
});
