// The one way the extension reads its settings: a typed getter per setting (the table in
// settingsSchema.ts), read on each call so a change applies on the next use, and one change event.
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION, type SettingName, type SettingValue } from './settingsSchema';

function read<N extends SettingName>(name: N): SettingValue<N> {
  const { key, read: readValue } = SETTINGS[name];
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readValue(config.get(key), () => config.inspect(key)?.defaultValue) as SettingValue<N>;
}

export const settings = Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, () => read(name as SettingName)])) as {
  readonly [N in SettingName]: () => SettingValue<N>;
};

/** Fires when any of our settings changes; `changed(name)` tells which. */
export function onDidChangeSettings(listener: (changed: (name: SettingName) => boolean) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS_SECTION)) listener((name) => e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS[name].key}`));
  });
}
