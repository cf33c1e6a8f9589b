// The local emulator's token: the one the running emulator left for this user (src/emulator/
// tokenFile.ts), else asked for. It goes to SecretStorage with the connection, never to settings.
import * as vscode from 'vscode';
import { readPublishedToken } from '../../emulator/tokenFile';
import type { Prompter } from '../common/prompter';
import { required } from '../common/safeCommand';

export async function emulatorToken(prompter: Prompter, url: string): Promise<string> {
  const published = readPublishedToken(url);
  if (published) return published;
  return required(await prompter.input({
    title: vscode.l10n.t('Use the Local Emulator'),
    prompt: vscode.l10n.t("The emulator's token: it prints it when it starts (\"Token: …\")"),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the token.')),
  })).trim();
}
