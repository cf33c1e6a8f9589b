// Every setting package.json contributes has a typed getter, and every getter reads a contributed
// setting, with package.json's default as its default.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS, SETTINGS_SECTION, type SettingName } from '../../../src/vscode/common/settingsSchema';

const contributed = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } }
).contributes.configuration.properties;
const names = Object.keys(SETTINGS) as SettingName[];

/** Each case: the setting, the value VS Code holds, the contributed default, what the getter reads. */
function expectReads(cases: [SettingName, unknown, unknown, unknown][]): void {
  for (const [name, value, contributedDefault, expected] of cases)
    assert.equal(
      SETTINGS[name].read(value, () => contributedDefault),
      expected,
      name,
    );
}

describe('settings', () => {
  it('has one getter per contributed setting, and no getter for a setting package.json lacks', () => {
    const read = names.map((name) => `${SETTINGS_SECTION}.${SETTINGS[name].key}`).sort();
    assert.deepEqual(read, Object.keys(contributed).sort());
  });

  it("reads a setting left alone as package.json's default, and an empty or ill-typed value likewise", () => {
    for (const name of names) {
      const { key, read } = SETTINGS[name];
      const fallback = contributed[`${SETTINGS_SECTION}.${key}`].default;
      assert.notEqual(fallback, undefined, `${key} has a default in package.json`);
      const contributedDefault = () => fallback;
      const unset = read(undefined, contributedDefault);
      assert.deepEqual(read(fallback, contributedDefault), unset, key);
      assert.deepEqual(read({ not: 'a setting value' }, contributedDefault), unset, key);
      if (typeof fallback === 'string' && fallback) assert.deepEqual(read('  ', contributedDefault), unset, key);
    }
    expectReads([
      ['requestTimeoutMs', undefined, 120, 120_000],
      ['tenantId', '', '', undefined],
    ]);
  });

  it('reads what the user set, normalised', () => {
    expectReads([
      ['authorityHost', ' https://login.microsoftonline.us// ', 'https://login.microsoftonline.com', 'https://login.microsoftonline.us'],
      ['tenantId', ' contoso.onmicrosoft.com ', '', 'contoso.onmicrosoft.com'],
      ['notebookFormat', 'fabricGitSource', 'ipynb', 'fabricGitSource'],
      ['notebookFormat', 'docx', 'ipynb', 'ipynb'],
      ['exportConcurrency', 0, 8, 1],
      ['confirmDelete', false, true, false],
    ]);
  });

  it('asks for the contributed default only when the value cannot be used (inspect() is slow in VS Code)', () => {
    for (const name of names) {
      const { key, read } = SETTINGS[name];
      const fallback = contributed[`${SETTINGS_SECTION}.${key}`].default;
      let asked = 0;
      read(fallback, () => {
        asked++;
        return fallback;
      });
      // An empty text is not a value: a setting whose default is empty may fall back to it.
      if (fallback !== '') assert.equal(asked, 0, key);
    }
  });
});
