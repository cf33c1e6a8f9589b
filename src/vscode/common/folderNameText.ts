// What a folder name Fabric would refuse is told as, for the tree's prompts and the `fabricwb` file system alike.
import * as vscode from 'vscode';
import { MAX_FOLDER_NAME_LENGTH, type FolderNameProblem } from '../../fabric/folderNames';

export function folderNameProblemText(problem: FolderNameProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name.');
    case 'tooLong':
      return vscode.l10n.t('A folder name has at most {0} characters.', MAX_FOLDER_NAME_LENGTH);
    case 'spaces':
      return vscode.l10n.t('A folder name cannot start or end with a space.');
    case 'characters':
      return vscode.l10n.t('A folder name cannot contain ~ " # . & * : < > ? / \\ { | } or control characters.');
    case 'reserved':
      return vscode.l10n.t('That name is reserved by the system.');
  }
}
