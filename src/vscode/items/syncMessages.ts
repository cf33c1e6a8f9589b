// What an export or an import tells the user when it ends: counts in words ("1 item", "3 items"),
// the folders an import created and the items it moved, every item left out and why, and the local
// files an overwrite kept (paths with their folders: `Sales/Bronze/Load.Notebook`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { itemFolderName } from '../../fabric/definition';
import type { Item } from '../../fabric/types';
import type { ImportReport } from '../../workspace/WorkspaceImport';
import type { ExportResult } from '../../workspace/WorkspaceSync';

/** How many names a message lists before "and N more". */
const LISTED = 5;

export interface SyncMessage {
  text: string;
  /** Something was not done: shown as a warning. */
  warning: boolean;
}

export function describeExport(result: ExportResult, folder: string): SyncMessage {
  const n = result.exported.length;
  const lines = [n === 1 ? vscode.l10n.t('Exported 1 item to {0}.', folder) : vscode.l10n.t('Exported {0} items to {1}.', n, folder)];
  const existing = result.existing.length;
  if (existing) {
    const names = listed(result.existing.map((item) => result.paths.get(item.id) ?? folderOf(item)));
    lines.push(
      existing === 1
        ? vscode.l10n.t('Left 1 existing folder as it was: {0}.', names)
        : vscode.l10n.t('Left {0} existing folders as they were: {1}.', existing, names),
    );
  }
  const kept = result.kept.flatMap(({ item, files }) => files.map((file) => `${result.paths.get(item.id) ?? folderOf(item)}/${file}`));
  if (kept.length) {
    const names = listed(kept);
    lines.push(
      kept.length === 1
        ? vscode.l10n.t('Kept 1 file there that is not part of its item: {0}.', names)
        : vscode.l10n.t('Kept {0} files there that are not part of their items: {1}.', kept.length, names),
    );
  }
  const skipped = result.skipped.length;
  if (skipped)
    lines.push(skipped === 1 ? vscode.l10n.t('1 item has no definition to export.') : vscode.l10n.t('{0} items have no definition to export.', skipped));
  if (result.failed.length) lines.push(vscode.l10n.t('Failed: {0}', result.failed.map((f) => `${f.item.displayName}: ${f.error}`).join('; ')));
  return { text: lines.join(' '), warning: result.failed.length > 0 };
}

export function describeImport(result: ImportReport): SyncMessage {
  const n = result.imported.length;
  const created = result.imported.filter((r) => r.created).length;
  const moved = result.imported.filter((r) => r.moved).length;
  const lines = [
    n === 1
      ? vscode.l10n.t('Imported 1 item ({0} created, {1} updated).', created, n - created)
      : vscode.l10n.t('Imported {0} items ({1} created, {2} updated).', n, created, n - created),
  ];
  if (moved) lines.push(moved === 1 ? vscode.l10n.t('Moved 1 item to its folder.') : vscode.l10n.t('Moved {0} items to their folders.', moved));
  const folders = result.foldersCreated.length;
  if (folders) {
    const names = listed(result.foldersCreated);
    lines.push(folders === 1 ? vscode.l10n.t('Created 1 folder: {0}.', names) : vscode.l10n.t('Created {0} folders: {1}.', folders, names));
  }
  const skipped = result.skipped.length;
  if (skipped) {
    const names = listed(result.skipped.map(folderOf));
    lines.push(
      skipped === 1
        ? vscode.l10n.t('Left 1 existing item as it was: {0}.', names)
        : vscode.l10n.t('Left {0} existing items as they were: {1}.', skipped, names),
    );
  }
  if (result.failed.length) lines.push(vscode.l10n.t('Failed: {0}', result.failed.map((f) => `${path.basename(f.folder)}: ${f.error}`).join('; ')));
  return { text: lines.join(' '), warning: result.failed.length > 0 };
}

export function showSyncMessage(message: SyncMessage): void {
  if (message.warning) void vscode.window.showWarningMessage(message.text);
  else void vscode.window.showInformationMessage(message.text);
}

function folderOf(item: Item): string {
  return itemFolderName(item.displayName, item.type);
}

function listed(names: string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? vscode.l10n.t('{0} and {1} more', shown, names.length - LISTED) : shown;
}
