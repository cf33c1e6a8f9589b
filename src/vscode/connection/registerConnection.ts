// The sign-in commands: signIn (the wizard), useEmulator (one step: the token the running emulator
// left for this user, else asked; an argument skips all prompts, for tests), switchTenant
// (Microsoft accounts) and signOut.
import * as vscode from 'vscode';
import type { Prompter } from '../../base/prompter';
import { registerSafeCommand } from '../common/safeCommand';
import type { ConnectionManager } from './ConnectionManager';
import { emulatorToken } from './emulatorToken';
import { settings } from '../common/settings';
import { SignInWizard } from './SignInWizard';
import { TenantSwitcher } from './TenantSwitcher';

export function registerConnectionCommands(connection: ConnectionManager, prompter: () => Prompter, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerSafeCommand('fabricWorkbench.signIn', log, async () => {
      const { info, secrets } = await new SignInWizard(prompter()).run();
      await connection.connect(info, secrets);
    }),
    registerSafeCommand('fabricWorkbench.useEmulator', log, async (target?: { url: string; token?: string }) => {
      const url = target?.url ?? settings.emulatorUrl();
      await connection.connect({ kind: 'emulator', url }, { token: target?.token ?? (await emulatorToken(prompter(), url)) });
    }),
    registerSafeCommand('fabricWorkbench.switchTenant', log, () => new TenantSwitcher(connection, prompter(), log).run()),
    registerSafeCommand('fabricWorkbench.signOut', log, async () => {
      await connection.disconnect();
    }),
  ];
}
