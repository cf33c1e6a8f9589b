// The settings of sign-in, the tree and the file system, read where they are used so a change
// applies on the next use.
import * as vscode from 'vscode';

export const DEFAULT_API_BASE_URL = 'https://api.fabric.microsoft.com/v1';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:5015';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('fabricWorkbench');
}

export const settings = {
  apiBaseUrl: (): string => config().get<string>('apiBaseUrl')?.trim() || DEFAULT_API_BASE_URL,
  /** Where service principals sign in, without a trailing slash. */
  authorityHost: (): string => config().get<string>('authorityHost')?.trim().replace(/\/+$/, '') || DEFAULT_AUTHORITY_HOST,
  tenantId: (): string | undefined => config().get<string>('tenantId')?.trim() || undefined,
  emulatorUrl: (): string => config().get<string>('emulator.url')?.trim() || DEFAULT_EMULATOR_URL,
  emulatorConnectOnStartup: (): boolean => config().get<boolean>('emulator.connectOnStartup') ?? false,
  notebookFormat: (): 'ipynb' | 'fabricGitSource' => (config().get<string>('notebookFormat') === 'fabricGitSource' ? 'fabricGitSource' : 'ipynb'),
  portalUrl: (): string => config().get<string>('portalUrl')?.trim() || 'https://app.fabric.microsoft.com',
  confirmDelete: (): boolean => config().get<boolean>('confirmDelete') ?? true,
  explorerGroupBy: (): 'folder' | 'type' => (config().get<string>('explorer.groupBy') === 'type' ? 'type' : 'folder'),
  exportConcurrency: (): number => Math.max(1, config().get<number>('export.concurrency') ?? 8),
  /** How long one request may go unanswered, in ms (0: no limit). */
  requestTimeoutMs: (): number => Math.max(0, config().get<number>('requestTimeoutSeconds') ?? 120) * 1000,
};
