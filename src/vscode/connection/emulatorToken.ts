// The local emulator's token: the one the running emulator left for this user (src/emulator/
// tokenFile.ts), else asked for. It goes to SecretStorage with the connection, never to settings.
import * as vscode from 'vscode';
import { readPublishedToken } from '../../emulator/tokenFile';
import { answerOf, type Prompter, type StepInfo } from '../../base/prompter';

/** `step` places the question in the sign-in wizard; without it, it stands alone. */
export async function emulatorToken(prompter: Prompter, url: string, step?: Omit<StepInfo, 'title'>): Promise<string> {
  const published = readPublishedToken(url);
  if (published) return published;
  return (
    await answerOf(
      prompter.input({
        title: vscode.l10n.t('Use the Local Emulator'),
        ...step,
        prompt: vscode.l10n.t('The emulator\'s token: it prints it when it starts ("Token: …")'),
        password: true,
        validate: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the token.')),
      }),
    )
  ).trim();
}
