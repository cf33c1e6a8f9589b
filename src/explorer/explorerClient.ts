// The part of FabricClient the explorer, the definition cache and the sync use. Written as an
// interface so this vscode-free code names exactly what it needs; FabricClient satisfies it.
import type { OutcomeCheck } from '../fabric/retry';
import type { CreateItemRequest, Folder, Item, ItemDefinition, Page, UpdateItemRequest, Workspace } from '../fabric/types';

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ExplorerClient {
  listWorkspacesPage(options?: { continuationToken?: string }, call?: CallOptions): Promise<Page<Workspace>>;
  listItemsPage(workspaceId: string, options?: { type?: string; continuationToken?: string }, call?: CallOptions): Promise<Page<Item>>;
  listFoldersPage(workspaceId: string, options?: { continuationToken?: string }, call?: CallOptions): Promise<Page<Folder>>;
  listItems(workspaceId: string, options?: { type?: string }, call?: CallOptions): AsyncIterable<Item>;
  getItem(workspaceId: string, itemId: string, call?: CallOptions): Promise<Item>;
  createItem(workspaceId: string, request: CreateItemRequest, call?: CallOptions): Promise<Item>;
  updateItem(workspaceId: string, itemId: string, request: UpdateItemRequest, call?: CallOptions): Promise<Item>;
  deleteItem(workspaceId: string, itemId: string, call?: CallOptions): Promise<void>;
  getDefinition(workspaceId: string, itemId: string, options?: { format?: string }, call?: CallOptions): Promise<ItemDefinition>;
  updateDefinition(workspaceId: string, itemId: string, definition: ItemDefinition, options?: { updateMetadata?: boolean }, call?: CallOptions & { checkOutcome?: OutcomeCheck }): Promise<void>;
}

/** The text to show for a failure: FabricError's `userMessage` when there is one. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const { userMessage, message } = error as { userMessage?: unknown; message?: unknown };
    if (typeof userMessage === 'string' && userMessage) return userMessage;
    if (typeof message === 'string' && message) return message;
  }
  return String(error);
}

/** The HTTP status of a FabricError, when the failure is one. */
export function errorStatus(error: unknown): number | undefined {
  const status = error && typeof error === 'object' ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}
