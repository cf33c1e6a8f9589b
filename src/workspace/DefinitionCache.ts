// Item definitions for the `fabricwb` file system, without VS Code. An item's definition is fetched
// once and shared by all its parts (concurrent reads share one in-flight getDefinition); stat and
// read of a known part cost no request. A save re-reads the remote definition once to detect a
// change made elsewhere since it was opened, then uploads the whole definition once.
// Saves of one item run one after another: two parts saved together (Save All, auto-save) would
// otherwise both pass the check against the same copy, and the second upload would erase the
// first. Saves that arrive while one is uploading wait, then go up together in one upload.
// Saved text that is not in Fabric yet (PendingChanges) is laid over the definition for reads, so
// an editor reopened shows the user's text, not Fabric's.
import { createHash } from 'node:crypto';
import { decodeDefinition, encodeDefinition } from '../fabric/definition';
import type { OutcomeCheck } from '../fabric/retry';
import type { Item } from '../fabric/types';
import type { ExplorerClient } from './explorerClient';
import { staysInside } from './localPaths';

/** An item's definition as read from Fabric: part path → bytes. */
export interface DefinitionSnapshot {
  readonly format: string | undefined;
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Identifies the remote content, insensitive to JSON formatting. */
  readonly fingerprint: string;
  /** When this snapshot was read or last saved (ms since epoch). */
  readonly mtime: number;
}

/** The remote definition changed since it was opened; nothing was uploaded. */
export class DefinitionConflictError extends Error {
  constructor(
    readonly item: Item,
    readonly remote: DefinitionSnapshot,
  ) {
    super(`"${item.displayName}" was changed in Fabric since you opened it.`);
    this.name = 'DefinitionConflictError';
  }
}

/** A part's new bytes, or `undefined` to delete the part. */
export type PartChanges = ReadonlyMap<string, Uint8Array | undefined>;

export interface SaveOptions {
  /** Upload even when the remote changed (our parts win; the remote's other parts are kept). */
  force?: boolean;
}

/** A part as the file system shows it. */
export interface PartContent {
  content: Uint8Array;
  mtime: number;
}

/** Saved parts not in Fabric yet, which reads show instead of the remote's. */
export type PartOverlay = (item: Pick<Item, 'workspaceId' | 'id'>) => ReadonlyMap<string, PartContent>;

interface PendingSave {
  item: Item;
  changes: PartChanges;
  force: boolean;
  resolve(saved: DefinitionSnapshot): void;
  reject(error: unknown): void;
}

export class DefinitionCache {
  private readonly entries = new Map<string, Promise<DefinitionSnapshot>>();
  private readonly settled = new Map<string, DefinitionSnapshot>();
  /** The fingerprint each part was last read (or saved) at: what its editor shows. */
  private readonly bases = new Map<string, string>();
  /** The last mtime per item, kept while the remote content is unchanged across refreshes. */
  private readonly mtimes = new Map<string, { fingerprint: string; mtime: number }>();
  /** Per item, the saves waiting for the one being uploaded (present while one is). */
  private readonly pendingSaves = new Map<string, PendingSave[]>();

  /** `formatFor` names the definition format to ask for (e.g. 'ipynb' for notebooks). */
  constructor(
    private readonly getClient: () => ExplorerClient,
    private readonly formatFor: (item: Item) => string | undefined = () => undefined,
    private readonly overlay: PartOverlay = () => new Map(),
  ) {}

  /** The item's definition, fetched on first use and shared by every caller after that. */
  get(item: Item): Promise<DefinitionSnapshot> {
    const key = keyOf(item);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.fetch(item).then((snapshot) => {
        if (this.entries.get(key) === entry) this.settled.set(key, snapshot);
        return snapshot;
      });
      this.entries.set(key, entry);
      // A failure is not cached: the next read tries again.
      entry.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }

  /** A part's bytes (undefined when the item has no such part); remembers what was read. */
  async readPart(item: Item, path: string): Promise<Uint8Array | undefined> {
    const shown = await this.shown(item, path);
    // A remote part read now is what its editor shows: the base of its next save. Pending text
    // keeps the base it was saved with.
    if (shown?.remote) this.bases.set(partKey(item, path), shown.remote);
    return shown?.content;
  }

  /** A part as the file system shows it (for a stat: not a read, so no base is remembered). */
  async part(item: Item, path: string): Promise<PartContent | undefined> {
    const shown = await this.shown(item, path);
    return shown && { content: shown.content, mtime: shown.mtime };
  }

  /** The saved text not in Fabric yet, else the remote's part with the remote's fingerprint. */
  private async shown(item: Item, path: string): Promise<(PartContent & { remote?: string }) | undefined> {
    const snapshot = await this.get(item);
    const pending = this.overlay(item).get(path);
    if (pending) return pending;
    const content = snapshot.files.get(path);
    return content && { content, mtime: snapshot.mtime, remote: snapshot.fingerprint };
  }

  /** The item's parts as the file system shows them (the remote's, with the saved text over them). */
  async files(item: Item): Promise<Map<string, Uint8Array>> {
    const files = new Map((await this.get(item)).files);
    for (const [path, { content }] of this.overlay(item)) files.set(path, content);
    return files;
  }

  /** The fingerprint a part's editor was showing when it was read or last saved. */
  baseOf(item: Pick<Item, 'workspaceId' | 'id'>, path: string): string | undefined {
    return this.bases.get(partKey(item, path));
  }

  /** Records what a part's text was based on (pending text restored from a previous session). */
  rememberBase(item: Pick<Item, 'workspaceId' | 'id'>, path: string, fingerprint: string): void {
    this.bases.set(partKey(item, path), fingerprint);
  }

  /** The definition if it is already loaded, without a request. */
  peek(item: Pick<Item, 'workspaceId' | 'id'>): DefinitionSnapshot | undefined {
    return this.settled.get(keyOf(item));
  }

  /** Reads the remote definition without touching the cache (for a comparison). */
  async fetchRemote(item: Item): Promise<DefinitionSnapshot> {
    return this.fetch(item);
  }

  /** Forgets one item's definition, or every item of a workspace, or everything. */
  invalidate(workspaceId?: string, itemId?: string): void {
    for (const key of [...this.entries.keys()]) {
      const [ws, id] = key.split('/');
      if (workspaceId !== undefined && ws !== workspaceId) continue;
      if (itemId !== undefined && id !== itemId) continue;
      this.entries.delete(key);
      this.settled.delete(key);
    }
  }

  /** Forgets what the editors of an item's parts were showing (after a discard or a delete). */
  forgetReads(item: Pick<Item, 'workspaceId' | 'id'>): void {
    const prefix = `${keyOf(item)}/`;
    for (const key of [...this.bases.keys()]) if (key.startsWith(prefix)) this.bases.delete(key);
  }

  /**
   * Applies part changes and uploads the whole definition: one read (the conflict check, and the
   * base the changes apply to) and one updateDefinition, with updateMetadata when `.platform`
   * changed. Throws DefinitionConflictError, uploading nothing, when the remote differs from what
   * was opened and `force` is not set. Waits for the item's save in progress, if any, and goes up
   * with the other saves that waited for it.
   */
  save(item: Item, changes: PartChanges, options: SaveOptions = {}): Promise<DefinitionSnapshot> {
    return new Promise((resolve, reject) => {
      const key = keyOf(item);
      const request: PendingSave = { item, changes, force: !!options.force, resolve, reject };
      const pending = this.pendingSaves.get(key);
      if (pending) {
        pending.push(request);
        return;
      }
      this.pendingSaves.set(key, []);
      void this.saveInTurn(key, [request]);
    });
  }

  /** Uploads `batch`, then each batch of saves that arrived meanwhile, until none is waiting. */
  private async saveInTurn(key: string, batch: PendingSave[]): Promise<void> {
    while (batch.length) {
      await this.saveBatch(batch);
      batch = this.pendingSaves.get(key)!.splice(0);
    }
    this.pendingSaves.delete(key);
  }

  /** One check and one upload for saves of one item; each save settles with its own outcome. */
  private async saveBatch(batch: PendingSave[]): Promise<void> {
    const item = batch[batch.length - 1].item;
    let remote: DefinitionSnapshot;
    const accepted: PendingSave[] = [];
    try {
      const opened = await this.get(item);
      remote = await this.fetch(item);
      for (const request of batch) {
        // The base is taken now, not when the save was asked for: the upload before this one
        // moved what the item's editors show.
        // Every changed part's editor must have shown the remote as it is now.
        const bases = [...request.changes.keys()].flatMap((path) => this.bases.get(partKey(item, path)) ?? []);
        if (request.force || (bases.length ? bases : [opened.fingerprint]).every((base) => base === remote.fingerprint)) accepted.push(request);
        else request.reject(new DefinitionConflictError(request.item, remote));
      }
      if (!accepted.length) return;
      const changes = new Map<string, Uint8Array | undefined>();
      for (const request of accepted) for (const [path, content] of request.changes) changes.set(path, content);
      const saved = await this.upload(item, remote, changes);
      for (const request of accepted) request.resolve(saved);
    } catch (error) {
      for (const request of accepted.length ? accepted : batch) request.reject(error);
    }
  }

  private async upload(item: Item, remote: DefinitionSnapshot, changes: PartChanges): Promise<DefinitionSnapshot> {
    const files = new Map(remote.files);
    for (const [path, content] of changes) {
      if (content === undefined) files.delete(path);
      else files.set(path, content);
    }
    const definition = encodeDefinition(
      [...files].map(([path, content]) => ({ path, content })),
      remote.format,
    );
    const checkOutcome = this.uploadOutcome(item, remote.fingerprint, fingerprintOf(files));
    await this.getClient().updateDefinition(item.workspaceId, item.id, definition, { updateMetadata: changes.has('.platform') }, { checkOutcome });
    const key = keyOf(item);
    const saved = this.snapshotOf(key, remote.format, files);
    this.entries.set(key, Promise.resolve(saved));
    this.settled.set(key, saved);
    // Editors that showed the remote as it was just now now show what was saved.
    for (const [part, fingerprint] of this.bases) {
      if (part.startsWith(`${key}/`) && fingerprint === remote.fingerprint) this.bases.set(part, saved.fingerprint);
    }
    for (const path of changes.keys()) this.bases.set(partKey(item, path), saved.fingerprint);
    return saved;
  }

  /**
   * Decides an upload whose answer was lost before it is sent again: done when Fabric holds what
   * was sent, sent again when it still holds the `base` it was built on; anything else is someone
   * else's save, which a repeat would overwrite: a conflict.
   */
  private uploadOutcome(item: Item, base: string, sent: string): OutcomeCheck {
    return async () => {
      const current = await this.fetch(item);
      if (current.fingerprint === sent) return 'applied';
      if (current.fingerprint === base) return 'notApplied';
      throw new DefinitionConflictError(item, current);
    };
  }

  private async fetch(item: Item): Promise<DefinitionSnapshot> {
    const format = this.formatFor(item);
    const definition = await this.getClient().getDefinition(item.workspaceId, item.id, format ? { format } : {});
    const files = new Map(decodeDefinition(definition).map((f) => [f.path, f.content] as const));
    return this.snapshotOf(keyOf(item), definition.format ?? format, files);
  }

  /** mtime moves only when the content does, so a refresh alone never looks like a change. */
  private snapshotOf(key: string, format: string | undefined, files: Map<string, Uint8Array>): DefinitionSnapshot {
    const fingerprint = fingerprintOf(files);
    const last = this.mtimes.get(key);
    const mtime = last?.fingerprint === fingerprint ? last.mtime : Math.max(Date.now(), (last?.mtime ?? 0) + 1);
    this.mtimes.set(key, { fingerprint, mtime });
    return { format, files, fingerprint, mtime };
  }
}

function keyOf(item: Pick<Item, 'workspaceId' | 'id'>): string {
  return `${item.workspaceId}/${item.id}`;
}

function partKey(item: Pick<Item, 'workspaceId' | 'id'>, path: string): string {
  return `${keyOf(item)}/${path}`;
}

/** A hash of the parts; JSON parts are hashed in canonical form so reformatting is no change. */
export function fingerprintOf(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) {
    hash
      .update(path)
      .update('\0')
      .update(canonicalContent(path, files.get(path)!))
      .update('\0');
  }
  return hash.digest('hex');
}

function canonicalContent(path: string, content: Uint8Array): Uint8Array | string {
  if (!/\.(json|ipynb|platform)$/i.test(path)) return content;
  try {
    return JSON.stringify(sortKeys(JSON.parse(Buffer.from(content).toString('utf8'))));
  } catch {
    return content;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The entries directly under a folder of a definition ('' is the item folder itself). Parts whose
 * path has an empty, "." or ".." segment are left out: VS Code would resolve them elsewhere.
 */
export function listFolder(files: ReadonlyMap<string, Uint8Array>, folder: string): [name: string, isFolder: boolean][] {
  const prefix = folder ? `${folder}/` : '';
  const entries = new Map<string, boolean>();
  for (const path of files.keys()) {
    if (!path.startsWith(prefix) || !staysInside(path)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) entries.set(rest, false);
    else entries.set(rest.slice(0, slash), true);
  }
  return [...entries].sort(([a], [b]) => a.localeCompare(b));
}

/** Whether a path names a folder that holds parts of the definition. */
export function isFolder(files: ReadonlyMap<string, Uint8Array>, folder: string): boolean {
  const prefix = `${folder}/`;
  for (const path of files.keys()) if (path.startsWith(prefix)) return true;
  return false;
}
