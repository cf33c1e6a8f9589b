// Open Changes with Local Clone: a Fabric Git change as a diff of the clone's file (left) against
// the workspace's definition (right), when the window has a clone of the connected repository.
// The clone is found through the built-in Git extension's API (its repositories and their remotes).
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import { clonePartPath, cloneUrl, remoteMatches } from '../../workspace/gitClones';
import type { ItemLocator } from '../files/DefinitionFileSystemProvider';
import { parseFabricUri } from '../files/fabricUri';
import { mainPartOf } from '../files/mainPartOf';
import type { FabricGitManager } from './FabricGitManager';
import { FabricGitResource } from './FabricGitSourceControl';

/** The part of the built-in Git extension's API (extensions/git/src/api/git.d.ts, version 1) read here. */
interface GitApi {
  readonly repositories: readonly { readonly rootUri: vscode.Uri; readonly state: { readonly remotes: readonly { fetchUrl?: string; pushUrl?: string }[] } }[];
}

export interface FabricGitCloneDiffDeps {
  client: () => FabricClient;
  manager: FabricGitManager;
  files: ItemLocator;
  /** Connected to the local emulator: its clones have the path of its repository on disk as their remote. */
  isEmulator: () => boolean;
}

export class FabricGitCloneDiff {
  constructor(private readonly deps: FabricGitCloneDiffDeps) {}

  async open(resource?: unknown): Promise<void> {
    if (!(resource instanceof FabricGitResource)) throw new Error(vscode.l10n.t('Run this on a change in a Fabric Git source control.'));
    const { workspaceId, entry } = resource;
    const objectId = entry.identifier.objectId;
    if (!objectId) throw new Error(vscode.l10n.t('"{0}" is not in the workspace: there is no definition to compare with the clone.', entry.displayName));
    const state = this.deps.manager.model(workspaceId)?.state;
    const details = state && (state.kind === 'ready' || state.kind === 'notInitialized') ? state.connection.gitProviderDetails : undefined;
    if (!details) throw new Error(vscode.l10n.t('The Git connection of the workspace is not known: refresh its Git status, then try again.'));
    const localRepository = this.deps.isEmulator() ? (await this.deps.client().emulatorGitRepository(workspaceId)).repositoryPath : undefined;
    const clone = (await gitApi())?.repositories.find((r) =>
      r.state.remotes.some((remote) => [remote.fetchUrl, remote.pushUrl].some((url) => url && remoteMatches(url, details, localRepository))),
    );
    if (!clone) {
      throw new Error(
        vscode.l10n.t(
          'No clone of {0} is open in this window. Clone it with "Git: Clone" ({1}), open its folder (or add it to the workspace), then try again.',
          details.repositoryName,
          localRepository ?? cloneUrl(details),
        ),
      );
    }
    const item = { workspaceId, id: objectId, displayName: entry.displayName, type: entry.itemType };
    const { folder, main } = await mainPartOf(this.deps.files, item);
    const cloneFile = vscode.Uri.joinPath(clone.rootUri, clonePartPath(details.directoryName, parseFabricUri(folder).folders, item, main));
    try {
      await vscode.workspace.fs.stat(cloneFile);
    } catch {
      throw new Error(
        vscode.l10n.t('The clone has no {0}: pull its branch {1}, then try again.', vscode.workspace.asRelativePath(cloneFile), details.branchName),
      );
    }
    const title = vscode.l10n.t('{0} (Local Clone ↔ Fabric)', `${entry.displayName}/${main}`);
    await vscode.commands.executeCommand('vscode.diff', cloneFile, vscode.Uri.joinPath(folder, main), title);
  }
}

/** The built-in Git extension's API, activated; undefined where the extension is missing or Git is disabled. */
async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ enabled: boolean; getAPI(version: 1): GitApi }>('vscode.git');
  const exports = extension && (extension.isActive ? extension.exports : await extension.activate());
  return exports?.enabled ? exports.getAPI(1) : undefined;
}
