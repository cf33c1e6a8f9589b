// Text the user saved that is not (yet) in Fabric: an auto-save of content Fabric would refuse, an
// auto-save waiting to go up with the item's other parts, a save kept until the person publishes it
// (staged mode), a save that met a change made in Fabric, or an upload that failed. Each entry keeps the content and the fingerprint of the remote copy it
// was based on (the conflict check at upload). Entries belong to the connection they were saved
// through and are never dropped except on purpose (uploaded or discarded): every change is written
// to storage before it counts, and stored text that cannot be read is set aside, never overwritten.
import type { Item } from '../fabric/types';
import { Emitter } from '../base/event';

/** Why an entry is not in Fabric yet. */
export type PendingReason =
  { kind: 'invalid'; problem: string } | { kind: 'waiting' } | { kind: 'staged' } | { kind: 'conflict' } | { kind: 'failed'; message: string };

/** Enough of an item to find it again and to name its folder. */
export type PendingItem = Pick<Item, 'workspaceId' | 'id' | 'displayName' | 'type'>;

export interface PendingChange {
  /** The connection it was saved through (ConnectionManager.id). */
  connection: string;
  item: PendingItem;
  /** The part's path inside the item folder. */
  path: string;
  content: Uint8Array;
  /** Fingerprint of the remote definition the content was based on. */
  base: string;
  reason: PendingReason;
  /** When it was saved (ms since epoch): the file's mtime while it is pending. */
  savedAt: number;
}

/** Where the entries are kept between sessions (the VS Code layer: a JSON file, written atomically). */
export interface PendingStorage {
  /** The stored text, or undefined when nothing was stored yet. */
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
  /** Moves the stored text out of the way (it could not be read); returns where it went. */
  setAside(): Promise<string>;
}

/** The stored text could not be read; it was set aside, not deleted. */
export class UnreadablePendingChangesError extends Error {
  constructor(
    reason: string,
    readonly setAsideAt: string,
  ) {
    super(`The saved pending changes could not be read (${reason}); they were kept in ${setAsideAt}.`);
    this.name = 'UnreadablePendingChangesError';
  }
}

const VERSION = 1;

export class PendingChanges {
  private readonly entries = new Map<string, PendingChange>();
  private readonly changed = new Emitter<void>();
  /** Fires after every change (set, delete, restore). */
  readonly onDidChange = this.changed.event;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly storage: PendingStorage) {}

  /**
   * Loads what was stored; returns how many entries were restored. Changes made meanwhile are
   * written only after it, and win over a stored entry of the same part.
   */
  restore(): Promise<number> {
    const loading = this.load();
    this.writing = loading.then(
      () => undefined,
      () => undefined,
    );
    return loading;
  }

  private async load(): Promise<number> {
    const text = await this.storage.load();
    if (text === undefined) return 0;
    let restored: PendingChange[];
    try {
      restored = parse(text);
    } catch (error) {
      throw new UnreadablePendingChangesError(error instanceof Error ? error.message : String(error), await this.storage.setAside());
    }
    for (const change of restored) {
      const key = keyOf(change.connection, change.item, change.path);
      if (!this.entries.has(key)) this.entries.set(key, change);
    }
    this.changed.fire();
    return restored.length;
  }

  get(connection: string, item: Pick<PendingItem, 'workspaceId' | 'id'>, path: string): PendingChange | undefined {
    return this.entries.get(keyOf(connection, item, path));
  }

  /** The entries of one connection (every connection's when none is named), oldest first. */
  list(connection?: string): PendingChange[] {
    return [...this.entries.values()].filter((c) => connection === undefined || c.connection === connection).sort((a, b) => a.savedAt - b.savedAt);
  }

  forItem(connection: string, item: Pick<PendingItem, 'workspaceId' | 'id'>): PendingChange[] {
    return this.list(connection).filter((c) => c.item.workspaceId === item.workspaceId && c.item.id === item.id);
  }

  /** Adds or replaces entries; resolves once they are stored. */
  set(...changes: PendingChange[]): Promise<void> {
    for (const change of changes) this.entries.set(keyOf(change.connection, change.item, change.path), change);
    return this.persist();
  }

  /** Replaces entries with updated ones, each only if it is still the entry it was (no newer save came). */
  replace(updates: readonly (readonly [old: PendingChange, updated: PendingChange])[]): Promise<void> {
    for (const [old, updated] of updates) {
      const key = keyOf(old.connection, old.item, old.path);
      if (this.entries.get(key) === old) this.entries.set(key, updated);
    }
    return this.persist();
  }

  /** Removes entries, each only if it is still the very entry given (not a newer save of the part). */
  delete(...changes: PendingChange[]): Promise<void> {
    for (const change of changes) {
      const key = keyOf(change.connection, change.item, change.path);
      if (this.entries.get(key) === change) this.entries.delete(key);
    }
    return this.persist();
  }

  /** Writes the current entries; writes run one after another, each with the state at its turn. */
  private persist(): Promise<void> {
    this.changed.fire();
    const next = this.writing.catch(() => undefined).then(() => this.storage.save(serialize([...this.entries.values()])));
    this.writing = next;
    return next;
  }
}

function keyOf(connection: string, item: Pick<PendingItem, 'workspaceId' | 'id'>, path: string): string {
  return JSON.stringify([connection, item.workspaceId, item.id, path]);
}

interface StoredChange extends Omit<PendingChange, 'content'> {
  content: string;
}

function serialize(changes: PendingChange[]): string {
  const stored: StoredChange[] = changes.map((c) => ({ ...c, content: Buffer.from(c.content).toString('base64') }));
  return JSON.stringify({ version: VERSION, changes: stored });
}

/** Reads the stored text; throws, naming what is wrong, rather than dropping an entry it cannot read. */
function parse(text: string): PendingChange[] {
  const data = JSON.parse(text) as { version?: unknown; changes?: unknown };
  if (data?.version !== VERSION) throw new Error(`version ${String(data?.version)}, expected ${VERSION}`);
  if (!Array.isArray(data.changes)) throw new Error('no list of changes');
  return data.changes.map((value: unknown, index) => {
    const c = value as Partial<StoredChange>;
    const item = c?.item as Partial<PendingItem> | undefined;
    const strings = [c?.connection, c?.path, c?.content, c?.base, item?.workspaceId, item?.id, item?.displayName, item?.type];
    if (strings.some((s) => typeof s !== 'string') || typeof c.savedAt !== 'number' || !isReason(c.reason)) throw new Error(`change ${index} is malformed`);
    return { ...(c as StoredChange), content: new Uint8Array(Buffer.from(c.content!, 'base64')) };
  });
}

function isReason(reason: unknown): reason is PendingReason {
  const r = reason as Partial<Record<string, unknown>> | undefined;
  switch (r?.kind) {
    case 'waiting':
    case 'staged':
    case 'conflict':
      return true;
    case 'invalid':
      return typeof r.problem === 'string';
    case 'failed':
      return typeof r.message === 'string';
    default:
      return false;
  }
}
