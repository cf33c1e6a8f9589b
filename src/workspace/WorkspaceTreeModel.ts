// The Workspaces tree without VS Code: nodes, page-by-page loading, the name filter and error
// nodes. The tree data provider only renders these nodes, so paging and filtering are unit-tested
// and benchmarked here. The first level shows after one request (the first page of workspaces);
// the remaining pages then load in the background, one at a time, so the filter finds a workspace
// on any page without a "Load more" click. The background is bounded (pages, and pages a minute,
// well inside the 200 calls/min Platform quota) and stops on refresh and dispose. Expanding a
// workspace reads its item pages up to the same bound before showing the type groups: groups built
// from a partial listing would miss a type first seen on a later page. "Load more" stays for what
// the bound leaves. Failures become error nodes and are never cached: Retry refetches.
// In folder mode (the default) a workspace shows its folders and the items at each level: its
// folders are listed (all levels at once) beside its items when it expands, so a nested folder
// opens with no request of its own. The model also remembers which nodes the user expanded, so a
// node that a filter hid comes back as it was.
import { RateLimiter } from '../fabric/rateLimiter';
import type { Folder, Item, Page, Workspace } from '../fabric/types';
import { Emitter } from '../base/event';
import { describeError } from '../fabric/errors';
import type { CallOptions, ExplorerClient } from './explorerClient';
import { layOutFolders, type FolderLayout } from './folderLayout';

/** How a workspace's items are grouped: by their Fabric folders, or by item type. */
export type GroupBy = 'folder' | 'type';

export interface WorkspaceNode {
  readonly kind: 'workspace';
  readonly id: string;
  readonly workspace: Workspace;
  readonly workspaceId: string;
}

export interface ItemTypeNode {
  readonly kind: 'itemType';
  readonly id: string;
  readonly workspaceId: string;
  readonly itemType: string;
  readonly parent: WorkspaceNode;
}

export interface FolderNode {
  readonly kind: 'folder';
  readonly id: string;
  readonly workspaceId: string;
  readonly folder: Folder;
  readonly parent: WorkspaceNode | FolderNode;
}

export interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly workspaceId: string;
  readonly item: Item;
  /** Its type group (type mode), or the folder or workspace it is in (folder mode). */
  readonly parent: ItemTypeNode | FolderNode | WorkspaceNode;
}

/** Loads the next page of its parent's listing. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parent: WorkspaceNode | undefined;
}

/** A failed load; Retry reloads the parent (or the next page, when `retriesPage`). */
export interface ErrorNode {
  readonly kind: 'error';
  readonly id: string;
  readonly message: string;
  readonly parent: WorkspaceNode | undefined;
  readonly retriesPage: boolean;
}

export interface EmptyNode {
  readonly kind: 'empty';
  readonly id: string;
  readonly message: 'noWorkspaces' | 'noItems' | 'noMatches' | 'emptyFolder';
  readonly parent: WorkspaceNode | FolderNode | undefined;
}

export type TreeNode = WorkspaceNode | ItemTypeNode | FolderNode | ItemNode | LoadMoreNode | ErrorNode | EmptyNode;

/** One paged listing (the workspaces, or one workspace's items). */
interface Listing<T> {
  values: T[];
  loaded: boolean;
  continuationToken?: string;
  /** The failure of the last "load more", shown as an error node after the loaded values. */
  pageError?: string;
  inFlight?: Promise<void>;
  /** Stops the background loading of this listing's pages when it is dropped. */
  background?: AbortController;
}

export interface WorkspaceTreeModelOptions {
  /** Pages read after a listing's first without a click: workspaces in the background, items when a workspace expands (default 50). */
  morePages?: number;
  /** Background pages of workspaces a minute (default 60: under a third of the Platform quota). */
  backgroundPagesPerMinute?: number;
  /** Default 'folder'. */
  groupBy?: GroupBy;
}

export class WorkspaceTreeModel {
  private workspaces: Listing<Workspace> = emptyListing();
  private readonly items = new Map<string, Listing<Item>>();
  private readonly folders = new Map<string, Listing<Folder>>();
  private readonly expandedIds = new Set<string>();
  private grouping: GroupBy;
  private readonly workspaceNodes = new Map<string, WorkspaceNode>();
  private readonly typeNodes = new Map<string, ItemTypeNode>();
  private readonly changes = new Emitter<TreeNode | undefined>();
  private filterText = '';
  private readonly morePages: number;
  private readonly backgroundQuota: RateLimiter;

  constructor(
    private readonly getClient: () => ExplorerClient | undefined,
    options: WorkspaceTreeModelOptions = {},
  ) {
    this.morePages = options.morePages ?? 50;
    this.backgroundQuota = new RateLimiter({ callsPerWindow: options.backgroundPagesPerMinute ?? 60 });
    this.grouping = options.groupBy ?? 'folder';
  }

  get filter(): string {
    return this.filterText;
  }

  get groupBy(): GroupBy {
    return this.grouping;
  }

  /** Regroups every workspace's items (what was loaded is kept: folders load when first needed). */
  setGroupBy(groupBy: GroupBy): void {
    if (groupBy === this.grouping) return;
    this.grouping = groupBy;
    this.fire(undefined);
  }

  /** Remembers that the user expanded (or collapsed) a node, to show it so when it comes back. */
  setExpanded(node: TreeNode, expanded: boolean): void {
    if (expanded) this.expandedIds.add(node.id);
    else this.expandedIds.delete(node.id);
  }

  isExpanded(node: TreeNode): boolean {
    return this.expandedIds.has(node.id);
  }

  /** Fires with the node whose children changed (undefined: the whole tree). */
  readonly onDidChange = this.changes.event;

  /** Narrows workspaces and items by a case-insensitive name match ('' clears it). */
  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.fire(undefined);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const client = this.getClient();
    if (!client) return [];
    if (!node) return this.rootChildren(client);
    switch (node.kind) {
      case 'workspace':
        return this.workspaceChildren(client, node);
      case 'itemType':
        return this.itemNodes(node);
      case 'folder':
        return this.folderLevel(node, node.folder.id);
      default:
        return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'workspace' ? undefined : node.parent;
  }

  /** Loads the next page behind a "Load more" node (or retries a failed page). */
  async loadMore(node: LoadMoreNode | ErrorNode): Promise<void> {
    const client = this.getClient();
    if (!client) return;
    const parent = node.parent;
    const folders = parent && this.folders.get(parent.workspaceId);
    if (parent && folders?.pageError) await this.fetchPage(folders, this.folderReader(client, parent), folders.continuationToken);
    else {
      const listing: Listing<Workspace | Item> = parent ? this.itemListing(parent.workspaceId) : this.workspaces;
      await this.fetchPage(listing, this.pageReader(client, parent), listing.continuationToken);
    }
    this.fire(parent);
  }

  /** Stops the background loading. */
  dispose(): void {
    this.workspaces.background?.abort();
    this.changes.dispose();
  }

  /** Forgets what was loaded under a node (all of it when none) and asks the view to reload. */
  refresh(node?: TreeNode): void {
    const workspace = node && nearestWorkspace(node);
    if (!workspace) {
      this.workspaces.background?.abort();
      this.workspaces = emptyListing();
      this.items.clear();
      this.folders.clear();
      this.workspaceNodes.clear();
      this.typeNodes.clear();
      this.fire(undefined);
      return;
    }
    this.items.delete(workspace.workspaceId);
    this.folders.delete(workspace.workspaceId);
    this.fire(workspace);
  }

  /** The workspace node for an id, when that workspace has been listed. */
  findWorkspace(workspaceId: string): WorkspaceNode | undefined {
    return this.workspaceNodes.get(workspaceId);
  }

  /** The item node for an id, when that item has been listed. */
  findItem(workspaceId: string, itemId: string): ItemNode | undefined {
    const listing = this.items.get(workspaceId);
    const item = listing?.values.find((i) => i.id === itemId);
    const workspace = this.workspaceNodes.get(workspaceId);
    if (!item || !workspace) return undefined;
    if (this.grouping === 'type') return this.itemNode(this.typeNode(workspace, item.type), item);
    const layout = this.layout(workspace, false);
    return this.itemNode(item.folderId && layout.folder(item.folderId) ? this.folderNode(workspace, layout, item.folderId) : workspace, item);
  }

  /** The workspaces listed so far. */
  listedWorkspaces(): Workspace[] {
    return this.workspaces.values;
  }

  /** Lists the workspace's folders unless they were (a move in type mode needs them). */
  async loadFolders(workspace: WorkspaceNode): Promise<Folder[]> {
    const client = this.getClient();
    if (client) await this.readAll(this.folderListing(workspace.workspaceId), this.folderReader(client, workspace));
    return this.listedFolders(workspace.workspaceId);
  }

  /** The workspace's folders as listed (empty until it was expanded in folder mode). */
  listedFolders(workspaceId: string): Folder[] {
    return this.folders.get(workspaceId)?.values ?? [];
  }

  private async rootChildren(client: ExplorerClient): Promise<TreeNode[]> {
    const listing = this.workspaces;
    if (!listing.loaded) {
      try {
        await this.fetchPage(listing, this.pageReader(client, undefined), undefined, true);
      } catch (error) {
        return [errorNode('root', describeError(error), undefined, false)];
      }
      this.loadInBackground(client, listing);
    }
    const visible = listing.values.filter((w) => this.workspaceVisible(w)).map((w) => this.workspaceNode(w));
    return this.withPaging(visible, listing, undefined, listing.values.length ? 'noMatches' : 'noWorkspaces');
  }

  private async workspaceChildren(client: ExplorerClient, node: WorkspaceNode): Promise<TreeNode[]> {
    const listing = this.itemListing(node.workspaceId);
    const folders = this.grouping === 'folder' ? this.folderListing(node.workspaceId) : undefined;
    try {
      // The folders' first page goes out with the items' first page: one round trip for the level.
      await Promise.all([this.readAll(listing, this.pageReader(client, node)), folders && this.readAll(folders, this.folderReader(client, node))]);
    } catch (error) {
      return [errorNode(node.id, describeError(error), node, false)];
    }
    if (folders) {
      // A failed later page of folders is shown (with its Retry) like one of items.
      const paging: Listing<Item | Folder> = folders.pageError ? folders : listing;
      return this.withPaging(this.folderLevel(node, undefined), paging, node, listing.values.length || folders.values.length ? 'noMatches' : 'noItems');
    }
    const types = [...new Set(this.visibleItems(node).map((i) => i.type))].sort((a, b) => a.localeCompare(b));
    const groups = types.map((type) => this.typeNode(node, type));
    return this.withPaging(groups, listing, node, listing.values.length ? 'noMatches' : 'noItems');
  }

  /** The folders, then the items, directly in a folder (undefined: at the workspace's root). */
  private folderLevel(parent: WorkspaceNode | FolderNode, folderId: string | undefined): TreeNode[] {
    const workspace = nearestWorkspace(parent)!;
    const layout = this.layout(workspace, true);
    const nodes: TreeNode[] = [
      ...layout.folders(folderId).map((f) => this.folderNode(workspace, layout, f.id)),
      ...layout.items(folderId).map((i) => this.itemNode(parent, i)),
    ];
    if (nodes.length === 0 && parent.kind === 'folder')
      nodes.push({ kind: 'empty', id: `${parent.id}/empty`, message: this.filterText ? 'noMatches' : 'emptyFolder', parent });
    return nodes;
  }

  /** Where the workspace's folders and items sit (`filtered`: only what the filter shows). */
  private layout(workspace: WorkspaceNode, filtered: boolean): FolderLayout {
    const matchesAll = !filtered || this.matches(workspace.workspace.displayName);
    return layOutFolders(
      this.listedFolders(workspace.workspaceId),
      this.items.get(workspace.workspaceId)?.values ?? [],
      matchesAll ? undefined : (name) => this.matches(name),
    );
  }

  /** Reads a listing's first page and then its next pages up to the bound (unless already read). */
  private async readAll<T>(listing: Listing<T>, read: (token: string | undefined, call?: CallOptions) => Promise<Page<T>>): Promise<void> {
    if (listing.loaded) return;
    await this.fetchPage(listing, read, undefined, true);
    for (let page = 0; page < this.morePages && listing.continuationToken && !listing.pageError; page++)
      await this.fetchPage(listing, read, listing.continuationToken);
  }

  private itemNodes(node: ItemTypeNode): TreeNode[] {
    return this.visibleItems(node.parent)
      .filter((i) => i.type === node.itemType)
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((i) => this.itemNode(node, i));
  }

  /** Appends "Load more" (or the failed page's error) and an empty node when nothing shows. */
  private withPaging<T>(nodes: TreeNode[], listing: Listing<T>, parent: WorkspaceNode | undefined, emptyReason: EmptyNode['message']): TreeNode[] {
    const parentId = parent?.id ?? 'root';
    if (listing.pageError) nodes.push(errorNode(parentId, listing.pageError, parent, true));
    else if (listing.continuationToken) nodes.push({ kind: 'loadMore', id: `${parentId}/more`, parent });
    if (nodes.length === 0) nodes.push({ kind: 'empty', id: `${parentId}/empty`, message: emptyReason, parent });
    return nodes;
  }

  /** Reads one page of the workspaces (no parent) or of a workspace's items. */
  private pageReader(
    client: ExplorerClient,
    parent: WorkspaceNode | undefined,
  ): (token: string | undefined, call?: CallOptions) => Promise<Page<Workspace | Item>> {
    return parent
      ? (token, call) => client.listItemsPage(parent.workspaceId, { continuationToken: token }, call)
      : (token, call) => client.listWorkspacesPage({ continuationToken: token }, call);
  }

  /** Reads one page of a workspace's folders, every level (Fabric lists them recursively by default). */
  private folderReader(client: ExplorerClient, workspace: WorkspaceNode): (token: string | undefined, call?: CallOptions) => Promise<Page<Folder>> {
    return (token, call) => client.listFoldersPage(workspace.workspaceId, { continuationToken: token }, call);
  }

  /**
   * Loads the next pages of workspaces one at a time, up to the bound and within the background
   * quota, telling the view after each; it stops at a failed page (shown with its Retry), and for
   * good when the listing is dropped (refresh, sign-out, dispose).
   */
  private loadInBackground(client: ExplorerClient, listing: Listing<Workspace>): void {
    if (!listing.continuationToken) return;
    const { signal } = (listing.background = new AbortController());
    const read = this.pageReader(client, undefined) as (token: string | undefined, call?: CallOptions) => Promise<Page<Workspace>>;
    void (async () => {
      for (let page = 0; page < this.morePages && listing.continuationToken && !listing.pageError; page++) {
        await this.backgroundQuota.acquire('Platform', signal);
        await this.fetchPage(listing, (token) => read(token, { signal }), listing.continuationToken);
        if (signal.aborted) return;
        this.fire(undefined);
      }
    })().catch(() => undefined); // aborted: the listing was dropped
  }

  /**
   * Fetches one page into a listing; concurrent calls share one request. A first page that fails
   * leaves the listing unloaded (rethrown, so the caller shows an error node); a later page that
   * fails is remembered as `pageError` and shown after what was already loaded.
   */
  private fetchPage<T>(listing: Listing<T>, fetch: (token: string | undefined) => Promise<Page<T>>, token: string | undefined, first = false): Promise<void> {
    listing.inFlight ??= (async () => {
      try {
        const page = await fetch(token);
        if (listing.background?.signal.aborted) return; // dropped while the page was on its way
        listing.values.push(...page.value);
        listing.continuationToken = page.continuationToken || undefined;
        listing.loaded = true;
        listing.pageError = undefined;
      } catch (error) {
        if (first) throw error;
        listing.pageError = describeError(error);
      } finally {
        listing.inFlight = undefined;
      }
    })();
    return listing.inFlight;
  }

  private itemListing(workspaceId: string): Listing<Item> {
    let listing = this.items.get(workspaceId);
    if (!listing) this.items.set(workspaceId, (listing = emptyListing()));
    return listing;
  }

  private folderListing(workspaceId: string): Listing<Folder> {
    let listing = this.folders.get(workspaceId);
    if (!listing) this.folders.set(workspaceId, (listing = emptyListing()));
    return listing;
  }

  private matches(name: string): boolean {
    return !this.filterText || name.toLowerCase().includes(this.filterText);
  }

  private workspaceVisible(workspace: Workspace): boolean {
    if (this.matches(workspace.displayName)) return true;
    if (this.items.get(workspace.id)?.values.some((i) => this.matches(i.displayName))) return true;
    return this.grouping === 'folder' && this.listedFolders(workspace.id).some((f) => this.matches(f.displayName));
  }

  /** A matching workspace shows all its items; otherwise only the items whose names match. */
  private visibleItems(node: WorkspaceNode): Item[] {
    const values = this.items.get(node.workspaceId)?.values ?? [];
    return this.matches(node.workspace.displayName) ? values : values.filter((i) => this.matches(i.displayName));
  }

  private workspaceNode(workspace: Workspace): WorkspaceNode {
    const existing = this.workspaceNodes.get(workspace.id);
    if (existing && existing.workspace === workspace) return existing;
    const node: WorkspaceNode = { kind: 'workspace', id: `ws:${workspace.id}`, workspace, workspaceId: workspace.id };
    this.workspaceNodes.set(workspace.id, node);
    return node;
  }

  private typeNode(parent: WorkspaceNode, itemType: string): ItemTypeNode {
    const id = `${parent.id}/type:${itemType}`;
    let node = this.typeNodes.get(id);
    if (!node || node.parent !== parent) {
      node = { kind: 'itemType', id, workspaceId: parent.workspaceId, itemType, parent };
      this.typeNodes.set(id, node);
    }
    return node;
  }

  /** A folder's node, its parents being the folders above it (ids stay the same wherever it moves). */
  private folderNode(workspace: WorkspaceNode, layout: FolderLayout, folderId: string): FolderNode {
    const folder = layout.folder(folderId)!;
    const above = folder.parentFolderId && layout.folder(folder.parentFolderId) ? this.folderNode(workspace, layout, folder.parentFolderId) : workspace;
    return { kind: 'folder', id: `${workspace.id}/folder:${folder.id}`, workspaceId: workspace.workspaceId, folder, parent: above };
  }

  private itemNode(parent: ItemNode['parent'], item: Item): ItemNode {
    return { kind: 'item', id: `${nearestWorkspace(parent)!.id}/item:${item.id}`, workspaceId: parent.workspaceId, item, parent };
  }

  private fire(node: TreeNode | undefined): void {
    this.changes.fire(node);
  }
}

function emptyListing<T>(): Listing<T> {
  return { values: [], loaded: false };
}

function errorNode(parentId: string, message: string, parent: WorkspaceNode | undefined, retriesPage: boolean): ErrorNode {
  return { kind: 'error', id: `${parentId}/error`, message, parent, retriesPage };
}

export function nearestWorkspace(node: TreeNode): WorkspaceNode | undefined {
  let current: TreeNode | undefined = node;
  while (current && current.kind !== 'workspace') current = current.parent;
  return current;
}
