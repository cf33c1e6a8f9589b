// Where a saved part goes: checked first, then uploaded or kept as a pending change.
// - A save the person asked for (Ctrl+S) uploads at once, with the item's parts that are waiting;
//   content Fabric would refuse is refused with the reason (the editor keeps it, unsaved).
// - An auto-save never fails on text still being typed: content Fabric would refuse is kept pending
//   (its problem shown), and valid content waits until the item's saves pause, then goes up with
//   the item's other waiting parts in one upload.
// - In staged mode (`save.mode`), a save that passes the same checks is kept pending ("staged")
//   until the person publishes the item; publishing runs the upload and conflict check below.
// - A change made in Fabric meanwhile keeps the text pending as a conflict, and tells listeners
//   (who offer Compare / Overwrite / Discard); nothing is uploaded. A failed upload of waiting or
//   staged parts keeps them pending with the reason.
import type { Item } from '../fabric/types';
import { Emitter } from '../base/event';
import { DefinitionConflictError, type DefinitionCache, type DefinitionSnapshot, type PartOverlay } from './DefinitionCache';
import { describeError } from '../fabric/errors';
import { prepareIpynbForFabric } from './fabricIpynb';
import { validatePart, type PartProblem } from './partValidation';
import type { PendingChange, PendingChanges, PendingItem, PendingReason } from './PendingChanges';

/** Who asked for a save: the person (a command, Ctrl+S) or VS Code's auto-save. */
export type SaveTrigger = 'manual' | 'auto';

/** Where a valid save goes: to Fabric at once (`immediate`), or kept until published (`staged`). */
export type SaveMode = 'immediate' | 'staged';

/** What became of an upload of an item's pending parts. */
export type UploadOutcome =
  | { kind: 'uploaded' }
  | { kind: 'nothing' }
  | { kind: 'conflict' }
  | { kind: 'failed'; message: string }
  /** Held back, nothing uploaded: a part is text Fabric would refuse. */
  | { kind: 'invalid'; path: string; problem: string };

/** A save the person asked for was refused: the content is not something Fabric accepts. */
export class InvalidPartError extends Error {
  constructor(readonly problems: readonly PartProblem[]) {
    super(problemText(problems[0]!));
    this.name = 'InvalidPartError';
  }
}

export interface PartsEvent {
  item: PendingItem;
  paths: string[];
}

export interface ConflictEvent extends PartsEvent {
  remote: DefinitionSnapshot;
}

export interface UploadFailureEvent extends PartsEvent {
  message: string;
}

export interface SaverSettings {
  /** The connection saves go through (ConnectionManager.id); pending changes belong to it. */
  connection(): string | undefined;
  /** How long an item's auto-saves must pause before they are uploaded. */
  uploadDelayMs(): number;
  saveMode(): SaveMode;
}

export class DefinitionSaver {
  private readonly checked = new Emitter<PartsEvent & { problems: PartProblem[] }>();
  /** A part was checked at a save: its problems (none once fixed). */
  readonly onDidCheck = this.checked.event;
  private readonly conflicted = new Emitter<ConflictEvent>();
  readonly onConflict = this.conflicted.event;
  private readonly failed = new Emitter<UploadFailureEvent>();
  /** An upload nobody waited for (auto-save, Overwrite) failed; the parts stay pending. */
  readonly onDidFailUpload = this.failed.event;
  private readonly changedParts = new Emitter<PartsEvent>();
  /** What the parts show changed without a write (uploaded from pending, discarded). */
  readonly onDidChangeParts = this.changedParts.event;
  /** Per item, the timer of its waiting auto-saves. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Parts whose next save overwrites the remote even when it changed (the user chose Overwrite). */
  private readonly forced = new Set<string>();

  constructor(
    private readonly cache: DefinitionCache,
    readonly pending: PendingChanges,
    private readonly settings: SaverSettings,
  ) {}

  /** The pending changes of the current connection, as the definition cache lays them over reads. */
  static overlay(pending: PendingChanges, connection: () => string | undefined): PartOverlay {
    return (item) => {
      const current = connection();
      return new Map(current === undefined ? [] : pending.forItem(current, item).map((c) => [c.path, { content: c.content, mtime: c.savedAt }]));
    };
  }

  /** Restores the stored pending changes; the files they belong to show them from now on. */
  async restore(): Promise<number> {
    const count = await this.pending.restore();
    const byItem = new Map<string, PartsEvent>();
    for (const change of this.pending.list()) {
      this.cache.rememberBase(change.item, change.path, change.base);
      const key = partKey(change.item, '');
      const event = byItem.get(key) ?? { item: change.item, paths: [] };
      event.paths.push(change.path);
      byItem.set(key, event);
    }
    for (const event of byItem.values()) this.changedParts.fire(event);
    return count;
  }

  /** Saves a part's new content; see the file's comment for where it goes. */
  async write(item: Item, path: string, content: Uint8Array, trigger: SaveTrigger): Promise<void> {
    const connection = this.requireConnection();
    const problems = await validatePart(path, content, item.type);
    this.checked.fire({ item, paths: [path], problems });
    if (problems.length) {
      if (trigger === 'manual') throw new InvalidPartError(problems);
      await this.pending.set(await this.entry(connection, item, path, content, { kind: 'invalid', problem: problemText(problems[0]!) }));
      return;
    }
    const upload = path.endsWith('.ipynb') ? Buffer.from(prepareIpynbForFabric(Buffer.from(content).toString('utf8')), 'utf8') : content;
    const change = await this.entry(connection, item, path, upload, { kind: 'waiting' });
    // A conflict waits for the person's choice: later saves keep it one rather than ask again.
    const conflict = this.pending.get(connection, item, path)?.reason.kind === 'conflict';
    // Overwrite (forceNextSave) is the person's order to upload, staged mode or not.
    if (this.settings.saveMode() === 'staged' && !this.forced.has(partKey(item, path))) {
      await this.pending.set({ ...change, reason: conflict ? { kind: 'conflict' } : { kind: 'staged' } });
      return;
    }
    if (trigger === 'auto') {
      await this.pending.set(conflict ? { ...change, reason: { kind: 'conflict' } } : change);
      if (!conflict) this.schedule(connection, item);
      return;
    }
    this.cancelTimer(item);
    await this.upload(connection, item, { force: this.forced.delete(partKey(item, path)), manual: change });
  }

  /** Makes the next save of a part overwrite the remote copy. */
  forceNextSave(item: Pick<Item, 'workspaceId' | 'id'>, path: string): void {
    this.forced.add(partKey(item, path));
  }

  /**
   * Uploads an item's pending parts (all but those Fabric would refuse) now; `force` overwrites
   * a change made in Fabric. Conflicts and failures are told through the events, not thrown.
   */
  async uploadNow(item: PendingItem, options: { force?: boolean } = {}): Promise<void> {
    this.cancelTimer(item);
    const outcome = await this.upload(this.requireConnection(), item, { force: !!options.force, asked: true });
    if (outcome.kind === 'failed') this.failed.fire({ item, paths: [], message: outcome.message });
  }

  /**
   * Publishes an item's pending parts in one upload, with the conflict check of a save; nothing
   * when one of them is text Fabric would refuse. A conflict is told through `onConflict` too
   * (the person's choice); a failure keeps the parts pending with the reason.
   */
  async publish(item: PendingItem): Promise<UploadOutcome> {
    const connection = this.requireConnection();
    const invalid = this.pending.forItem(connection, item).find((c) => c.reason.kind === 'invalid');
    if (invalid?.reason.kind === 'invalid') return { kind: 'invalid', path: invalid.path, problem: invalid.reason.problem };
    this.cancelTimer(item);
    return this.upload(connection, item, { asked: true });
  }

  /**
   * Reads the item's copy in Fabric again (nothing is uploaded): its pending parts based on
   * another copy are marked as conflicts, so they show as such before a publish. Returns those.
   */
  async recheck(item: Item): Promise<PendingChange[]> {
    const connection = this.requireConnection();
    const remote = await this.cache.fetchRemote(item);
    // Text Fabric would refuse stays marked so: it must never go up through an Overwrite.
    const outdated = this.pending
      .forItem(connection, item)
      .filter((c) => c.base !== remote.fingerprint && c.reason.kind !== 'conflict' && c.reason.kind !== 'invalid');
    await this.mark(outdated, { kind: 'conflict' });
    return outdated;
  }

  /** Uploads every item whose auto-saves are waiting (the window lost focus). */
  async uploadWaiting(): Promise<void> {
    const connection = this.settings.connection();
    if (connection === undefined) return;
    const items = new Map(
      this.pending
        .list(connection)
        .filter((c) => c.reason.kind === 'waiting')
        .map((c) => [partKey(c.item, ''), c.item]),
    );
    await Promise.all(
      [...items.values()].map(async (item) => {
        this.cancelTimer(item);
        const outcome = await this.upload(connection, item, {});
        if (outcome.kind === 'failed') this.failed.fire({ item, paths: [], message: outcome.message });
      }),
    );
  }

  /** Drops pending parts (one, or all the item's) so the files show Fabric's copy again. */
  async discard(item: PendingItem, path?: string): Promise<void> {
    const connection = this.requireConnection();
    const doomed = this.pending.forItem(connection, item).filter((c) => path === undefined || c.path === path);
    if (path === undefined) this.cancelTimer(item);
    await this.pending.delete(...doomed);
    this.cache.invalidate(item.workspaceId, item.id);
    this.cache.forgetReads(item);
    // The item's other pending parts are still based on what they were.
    for (const c of this.pending.forItem(connection, item)) this.cache.rememberBase(item, c.path, c.base);
    this.changedParts.fire({ item, paths: [...new Set([...doomed.map((c) => c.path), ...(path ? [path] : [])])] });
  }

  /** Forgets pending parts (all the item's when no path is named) that a delete or a move just replaced in Fabric. */
  async forget(item: Pick<Item, 'workspaceId' | 'id'>, paths?: readonly string[]): Promise<void> {
    const connection = this.settings.connection();
    if (connection === undefined) return;
    if (!paths) this.cancelTimer(item);
    await this.pending.delete(...this.pending.forItem(connection, item).filter((c) => !paths || paths.includes(c.path)));
  }

  /**
   * The item was renamed through this window: its pending parts follow the new name, and those
   * based on the copy before the rename (`before`, its fingerprint) are based on the renamed one
   * (only `.platform`'s name changed), so the rename is no conflict.
   */
  async followRename(renamed: Item, before: string | undefined): Promise<void> {
    const connection = this.settings.connection();
    const changes = connection === undefined ? [] : this.pending.forItem(connection, renamed);
    if (!changes.length) return;
    const after = (await this.cache.get(renamed)).fingerprint;
    const followed = changes.map(
      (c) => [c, { ...c, item: { ...c.item, displayName: renamed.displayName }, base: c.base === before ? after : c.base }] as const,
    );
    for (const [, c] of followed) this.cache.rememberBase(renamed, c.path, c.base);
    await this.pending.replace(followed);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * One upload of the item's pending parts (and of `manual`, the part a person is saving). Success
   * drops them from the pending changes; a conflict keeps them as conflicts; a failure keeps them
   * with the reason and, for a manual save, throws (the editor keeps the text, unsaved). Staged
   * and conflicting parts go only when the person `asked` for this item's upload (or forces it).
   */
  private async upload(connection: string, item: PendingItem, options: { force?: boolean; manual?: PendingChange; asked?: boolean }): Promise<UploadOutcome> {
    // Saved through another connection: its client must not upload them.
    if (this.settings.connection() !== connection) return { kind: 'nothing' };
    const { manual } = options;
    const held = (c: PendingChange) => c.reason.kind === 'staged' || c.reason.kind === 'conflict';
    const uploadable = (c: PendingChange) => c.reason.kind !== 'invalid' && (!held(c) || options.asked || options.force);
    const stored = this.pending.forItem(connection, item);
    const waiting = stored.filter((c) => c.path !== manual?.path && uploadable(c));
    const parts = manual ? [...waiting, manual] : waiting;
    if (!parts.length) return { kind: 'nothing' };
    const paths = parts.map((c) => c.path);
    try {
      // The conflict check takes each part's base from the cache when the upload's turn comes:
      // an upload of the item just before this one moves it.
      await this.cache.save(item, new Map(parts.map((c) => [c.path, c.content])), { force: options.force });
    } catch (error) {
      if (error instanceof DefinitionConflictError) {
        await this.mark(waiting, { kind: 'conflict' });
        if (manual) await this.pending.set({ ...manual, reason: { kind: 'conflict' } });
        this.conflicted.fire({ item, paths, remote: error.remote });
        return { kind: 'conflict' };
      }
      const message = describeError(error);
      await this.mark(waiting, { kind: 'failed', message });
      if (manual) throw error;
      return { kind: 'failed', message };
    }
    // The part being saved may have been pending before (an auto-save): it is in Fabric now.
    const replaced = manual ? stored.filter((c) => c.path === manual.path) : [];
    await this.pending.delete(...waiting, ...replaced);
    await this.rebase(connection, item);
    if (!manual) this.changedParts.fire({ item, paths });
    return { kind: 'uploaded' };
  }

  /** After an upload, the stored bases follow the cache's (which moves those based on what the upload replaced). */
  private async rebase(connection: string, item: PendingItem): Promise<void> {
    const updates = this.pending.forItem(connection, item).flatMap((c) => {
      const base = this.cache.baseOf(item, c.path);
      return base && base !== c.base ? [[c, { ...c, base }] as const] : [];
    });
    if (updates.length) await this.pending.replace(updates);
  }

  private mark(changes: readonly PendingChange[], reason: PendingReason): Promise<void> {
    return this.pending.replace(changes.map((c) => [c, { ...c, reason }] as const));
  }

  /**
   * A pending entry for a part. Its base is what its editor was showing: kept from the part's
   * earlier pending entry, if any (the text was based on that), else the copy last read.
   */
  private async entry(connection: string, item: Item, path: string, content: Uint8Array, reason: PendingReason): Promise<PendingChange> {
    const snapshot = await this.cache.get(item);
    const earlier = this.pending.get(connection, item, path);
    const base = earlier?.base ?? this.cache.baseOf(item, path) ?? snapshot.fingerprint;
    // The file's mtime moves forward with each save, as VS Code expects after a write.
    const savedAt = Math.max(Date.now(), snapshot.mtime + 1, (earlier?.savedAt ?? 0) + 1);
    const { workspaceId, id, displayName, type } = item;
    return { connection, item: { workspaceId, id, displayName, type }, path, content, base, reason, savedAt };
  }

  /** (Re)starts the item's wait: its waiting parts go up once its saves pause. */
  private schedule(connection: string, item: PendingItem): void {
    this.cancelTimer(item);
    const key = partKey(item, '');
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.upload(connection, item, {}).then(
          (outcome) => outcome.kind === 'failed' && this.failed.fire({ item, paths: [], message: outcome.message }),
          (error: unknown) => this.failed.fire({ item, paths: [], message: describeError(error) }),
        );
      }, this.settings.uploadDelayMs()),
    );
  }

  private cancelTimer(item: Pick<Item, 'workspaceId' | 'id'>): void {
    const key = partKey(item, '');
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private requireConnection(): string {
    const connection = this.settings.connection();
    if (connection === undefined) throw new Error('Not connected to Microsoft Fabric.');
    return connection;
  }
}

function partKey(item: Pick<Item, 'workspaceId' | 'id'>, path: string): string {
  return `${item.workspaceId}/${item.id}/${path}`;
}

function problemText(problem: PartProblem): string {
  return `${problem.message.replace(/\.$/, '')} (line ${problem.line + 1})`;
}
