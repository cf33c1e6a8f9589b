// Marks the items of Git-connected workspaces that have uncommitted changes, wherever their
// `fabricwb://<workspace>/<folders>/<Name>.<Type>` URI shows: the Workspaces view, VS Code's Explorer (a
// workspace opened as a folder), the Source Control view.
import * as vscode from 'vscode';
import type { FabricGitModel } from '../../workspace/FabricGitModel';
import type { GitChangeEntry } from '../../workspace/gitChanges';
import type { ItemLocator } from '../files/DefinitionFileSystemProvider';
import { FABRIC_SCHEME, fabricUri, parseFabricUri } from '../files/fabricUri';

const BADGES = { added: 'A', modified: 'M', deleted: 'D' } as const;
const COLORS = {
  added: 'gitDecoration.addedResourceForeground',
  modified: 'gitDecoration.modifiedResourceForeground',
  deleted: 'gitDecoration.deletedResourceForeground',
};

export class FabricGitDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly _onDidChangeFileDecorations = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this._onDidChangeFileDecorations.event;
  /** The URIs decorated per workspace, so those no longer uncommitted lose their mark. */
  private readonly decorated = new Map<string, vscode.Uri[]>();

  constructor(
    private readonly modelOf: (workspaceId: string) => FabricGitModel | undefined,
    /** Where the item is now (inside its Fabric folders), as the tree shows it. */
    private readonly locator: Pick<ItemLocator, 'itemUri'>,
  ) {}

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== FABRIC_SCHEME) return undefined;
    const { workspaceId, itemFolder, partPath } = parseFabricUri(uri);
    if (!itemFolder || partPath) return undefined;
    const entry = this.modelOf(workspaceId)?.groups.uncommitted.find((e) => e.itemFolder === itemFolder);
    return entry && decoration(entry);
  }

  /**
   * The workspace's changes were read again (or it is no longer tracked). VS Code asks again only
   * for the URIs fired, so they are the items' URIs inside their folders, as the tree shows them.
   */
  async changed(workspaceId: string): Promise<void> {
    const now = await Promise.all((this.modelOf(workspaceId)?.groups.uncommitted ?? []).map((e) => this.uriOf(workspaceId, e)));
    const before = this.decorated.get(workspaceId) ?? [];
    this.decorated.set(workspaceId, now);
    if (now.length || before.length) this._onDidChangeFileDecorations.fire([...before, ...now]);
  }

  /**
   * An item the workspace holds is where its listing puts it; one it no longer holds (deleted), or
   * a workspace that cannot be listed now, leaves only the name at the root.
   */
  private async uriOf(workspaceId: string, entry: GitChangeEntry): Promise<vscode.Uri> {
    const atRoot = fabricUri(workspaceId, entry.itemFolder);
    const id = entry.identifier.objectId;
    if (!id || entry.change === 'deleted') return atRoot;
    return this.locator.itemUri({ workspaceId, id, displayName: entry.displayName, type: entry.itemType }).catch(() => atRoot);
  }

  dispose(): void {
    this._onDidChangeFileDecorations.dispose();
  }
}

function decoration(entry: GitChangeEntry): vscode.FileDecoration {
  const tooltip = entry.conflict ? vscode.l10n.t('Uncommitted change, in conflict with Git') : vscode.l10n.t('Uncommitted change (Fabric Git)');
  return new vscode.FileDecoration(BADGES[entry.change], tooltip, new vscode.ThemeColor(COLORS[entry.change]));
}
