// Every setting package.json contributes has a typed getter, and every getter reads a contributed
// setting, with package.json's default as its default.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS, SETTINGS_SECTION, type SettingName } from '../../../src/vscode/common/settingsSchema';

const contributed = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } }
).contributes.configuration.properties;
const names = Object.keys(SETTINGS) as SettingName[];

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
    assert.equal(
      SETTINGS.requestTimeoutMs.read(undefined, () => 120),
      120_000,
    );
    assert.equal(
      SETTINGS.tenantId.read('', () => ''),
      undefined,
    );
  });

  it('reads what the user set, normalised', () => {
    assert.equal(
      SETTINGS.authorityHost.read(' https://login.microsoftonline.us// ', () => 'https://login.microsoftonline.com'),
      'https://login.microsoftonline.us',
    );
    assert.equal(
      SETTINGS.tenantId.read(' contoso.onmicrosoft.com ', () => ''),
      'contoso.onmicrosoft.com',
    );
    assert.equal(
      SETTINGS.notebookFormat.read('fabricGitSource', () => 'ipynb'),
      'fabricGitSource',
    );
    assert.equal(
      SETTINGS.notebookFormat.read('docx', () => 'ipynb'),
      'ipynb',
    );
    assert.equal(
      SETTINGS.exportConcurrency.read(0, () => 8),
      1,
    );
    assert.equal(
      SETTINGS.confirmDelete.read(false, () => true),
      false,
    );
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
