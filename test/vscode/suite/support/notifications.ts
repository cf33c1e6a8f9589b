// What notifications VS Code shows, read from the page's notification center (../ui.ts).
import * as vscode from 'vscode';
import { ui } from '../ui';
import { waitFor } from './wait';

let checkpoints = 0;

/**
 * The messages of the notifications shown (since the test cleared them: `notifications.clearAll`).
 * A checkpoint notification of the test's own is shown last and waited for, so the list read is
 * complete up to it.
 */
export async function shownNotifications(): Promise<string[]> {
  const checkpoint = `checkpoint ${++checkpoints}`;
  void vscode.window.showInformationMessage(checkpoint);
  const shown = await waitFor(async () => {
    await vscode.commands.executeCommand('notifications.showList');
    const { notifications: messages } = await ui({ readNotifications: true });
    return messages?.includes(checkpoint) && messages;
  }, 'the notification center lists the checkpoint');
  await vscode.commands.executeCommand('notifications.hideList');
  return shown.filter((m) => !m.startsWith('checkpoint '));
}
