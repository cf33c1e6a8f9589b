// The part of FabricClient the explorer, the definition cache and the sync use. Written as an
// interface so this vscode-free code names exactly what it needs; FabricClient satisfies it.
import type { OutcomeCheck } from '../fabric/retry';
import type { MoveClient } from './folderMoves';
import type {
  BulkExportRequest,
  BulkExportResult,
  CreateFolderRequest,
  CreateItemRequest,
  Folder,
  Item,
  ItemDefinition,
  Page,
  UpdateItemRequest,
  Workspace,
} from '../fabric/types';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ExplorerClient {
  listWorkspacesPage(options?: { continuationToken?: string }, call?: CallOptions): Promise<Page<Workspace>>;
  listItemsPage(workspaceId: string, options?: { type?: string; continuationToken?: string }, call?: CallOptions): Promise<Page<Item>>;
  listFoldersPage(workspaceId: string, options?: { continuationToken?: string }, call?: CallOptions): Promise<Page<Folder>>;
  createFolder(workspaceId: string, request: CreateFolderRequest, call?: CallOptions): Promise<Folder>;
  /** Moves the item into `targetFolderId` (undefined: the workspace's root). */
  moveItem(workspaceId: string, itemId: string, targetFolderId: string | undefined, call?: CallOptions): Promise<Item[]>;
  listItems(workspaceId: string, options?: { type?: string }, call?: CallOptions): AsyncIterable<Item>;
  getItem(workspaceId: string, itemId: string, call?: CallOptions): Promise<Item>;
  createItem(workspaceId: string, request: CreateItemRequest, call?: CallOptions): Promise<Item>;
  updateItem(workspaceId: string, itemId: string, request: UpdateItemRequest, call?: CallOptions): Promise<Item>;
  deleteItem(workspaceId: string, itemId: string, call?: CallOptions): Promise<void>;
  getDefinition(workspaceId: string, itemId: string, options?: { format?: string }, call?: CallOptions): Promise<ItemDefinition>;
  updateDefinition(
    workspaceId: string,
    itemId: string,
    definition: ItemDefinition,
    options?: { updateMetadata?: boolean },
    call?: CallOptions & { checkOutcome?: OutcomeCheck },
  ): Promise<void>;
  /** Several definitions in one operation (a beta a tenant may not have); without it, exports go item by item. */
  bulkExportDefinitions?(workspaceId: string, request: BulkExportRequest, call?: CallOptions): Promise<BulkExportResult>;
}

/** The folder operations the `fabricwb` file system adds: folders created, renamed, moved and deleted as directories, items moved. */
export interface FolderClient extends MoveClient, Pick<ExplorerClient, 'createFolder' | 'moveItem'> {
  renameFolder(workspaceId: string, folderId: string, displayName: string, call?: CallOptions): Promise<Folder>;
  deleteFolder(workspaceId: string, folderId: string, call?: CallOptions): Promise<void>;
}
