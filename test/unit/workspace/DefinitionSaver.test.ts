import * as assert from 'node:assert/strict';
import { DefinitionCache } from '../../../src/workspace/DefinitionCache';
import { DefinitionSaver, InvalidPartError, type ConflictEvent, type SaveMode, type UploadFailureEvent } from '../../../src/workspace/DefinitionSaver';
import type { ExplorerClient } from '../../../src/workspace/explorerClient';
import { PendingChanges, type PendingStorage } from '../../../src/workspace/PendingChanges';
import { publishItems } from '../../../src/workspace/publishItems';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { startFixture, text, type Fixture } from './emulatorFixture';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const PART = 'pipeline-content.json';
const pipelineJson = (description: string) => JSON.stringify({ properties: { activities: [], description } });

class MemoryStorage implements PendingStorage {
  text: string | undefined;
  async load() {
    return this.text;
  }
  async save(text: string) {
    this.text = text;
  }
  async setAside(): Promise<string> {
    throw new Error('unexpected');
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('DefinitionSaver: where a save goes, against the emulator', () => {
  let fx: Fixture;
  let workspaceId: string;
  let storage: MemoryStorage;
  let connection: string | undefined;
  let delayMs: number;
  let mode: SaveMode;
  let client: ExplorerClient;
  let saver: DefinitionSaver;
  let cache: DefinitionCache;
  let conflicts: ConflictEvent[];
  let failures: UploadFailureEvent[];

  before(async () => {
    fx = await startFixture();
    workspaceId = (await fx.client.createWorkspace({ displayName: 'Saver' })).id;
  });
  after(() => fx.close());

  function start(): void {
    const pending = new PendingChanges(storage);
    cache = new DefinitionCache(
      () => client,
      undefined,
      DefinitionSaver.overlay(pending, () => connection),
    );
    saver = new DefinitionSaver(cache, pending, { connection: () => connection, uploadDelayMs: () => delayMs, saveMode: () => mode });
    saver.onConflict((e) => conflicts.push(e));
    saver.onDidFailUpload((e) => failures.push(e));
  }

  beforeEach(() => {
    storage = new MemoryStorage();
    connection = 'emulator';
    delayMs = 60_000;
    mode = 'immediate';
    client = fx.counted;
    conflicts = [];
    failures = [];
    start();
  });
  afterEach(() => saver.dispose());

  async function pipeline(name: string, parts: Record<string, string> = { [PART]: pipelineJson('in Fabric') }): Promise<Item> {
    const definition = encodeDefinition(Object.entries(parts).map(([path, content]) => ({ path, content: bytes(content) })));
    const item = { ...(await fx.client.createItem(workspaceId, { displayName: name, type: 'DataPipeline', definition })), workspaceId };
    for (const path of Object.keys(parts)) await cache.readPart(item, path);
    fx.calls.clear();
    return item;
  }

  async function remote(item: Item, path = PART): Promise<string> {
    return text(decodeDefinition(await fx.client.getDefinition(workspaceId, item.id)).find((f) => f.path === path)?.content);
  }

  async function changeInFabric(item: Item, description: string): Promise<void> {
    const theirs = decodeDefinition(await fx.client.getDefinition(workspaceId, item.id)).map((f) =>
      f.path === PART ? { ...f, content: bytes(pipelineJson(description)) } : f,
    );
    await fx.client.updateDefinition(workspaceId, item.id, encodeDefinition(theirs));
  }

  /** A client whose updateDefinition fails while `failing()` says so. */
  function failingUploads(failing: () => boolean): ExplorerClient {
    return new Proxy(fx.counted, {
      get(target, name, receiver) {
        if (name === 'updateDefinition' && failing())
          return async () => Promise.reject(Object.assign(new Error('boom'), { userMessage: 'Fabric is down (request id 42)' }));
        return Reflect.get(target, name, receiver);
      },
    });
  }

  it('keeps an auto-save Fabric would refuse, uploads nothing, and shows it to reads; fixed, it goes up and is dropped', async () => {
    const item = await pipeline('Typing');
    const checked: number[] = [];
    saver.onDidCheck(({ problems }) => checked.push(problems.length));
    await saver.write(item, PART, bytes('{ "properties": { '), 'auto');
    assert.deepEqual(
      saver.pending.list().map((c) => c.reason.kind),
      ['invalid'],
    );
    assert.match((saver.pending.list()[0]!.reason as { problem: string }).problem, /line 1/);
    assert.equal(text(await cache.readPart(item, PART)), '{ "properties": { ', "a reopened editor shows the user's text");
    await saver.write(item, PART, bytes(pipelineJson('fixed')), 'auto');
    await saver.uploadWaiting();
    assert.equal(fx.calls.get('updateDefinition'), 1);
    assert.match(await remote(item), /fixed/);
    assert.deepEqual(saver.pending.list(), []);
    assert.deepEqual(checked, [1, 0]);
  });

  it("uploads several auto-saves of an item's parts once, when its saves pause", async () => {
    delayMs = 50;
    const item = await pipeline('Coalesced', { [PART]: pipelineJson('a'), 'settings.json': '{}' });
    for (let n = 1; n <= 5; n++) {
      await saver.write(item, PART, bytes(pipelineJson(`edit ${n}`)), 'auto');
      await saver.write(item, 'settings.json', bytes(JSON.stringify({ n })), 'auto');
    }
    await until(() => saver.pending.list().length === 0, 'the waiting parts are uploaded');
    assert.equal(fx.calls.get('updateDefinition'), 1);
    assert.match(await remote(item), /edit 5/);
    assert.equal(await remote(item, 'settings.json'), JSON.stringify({ n: 5 }));
  });

  it('refuses a manual save Fabric would refuse, keeping nothing', async () => {
    const item = await pipeline('Refused');
    await assert.rejects(
      saver.write(item, PART, bytes('{ nope'), 'manual'),
      (error: unknown) => error instanceof InvalidPartError && /line 1/.test(error.message),
    );
    assert.deepEqual(saver.pending.list(), []);
    assert.equal(fx.calls.get('updateDefinition'), undefined);
  });

  it("a manual save takes the item's waiting auto-saves along in its one upload", async () => {
    const item = await pipeline('Along', { [PART]: pipelineJson('a'), 'settings.json': '{}' });
    await saver.write(item, 'settings.json', bytes('{"along":true}'), 'auto');
    await saver.write(item, PART, bytes(pipelineJson('manual')), 'manual');
    assert.equal(fx.calls.get('updateDefinition'), 1);
    assert.equal(await remote(item, 'settings.json'), '{"along":true}');
    assert.deepEqual(saver.pending.list(), []);
  });

  it('manual saves of several parts started together all reach Fabric, none a conflict with another', async () => {
    const parts = ['a.json', 'b.json', 'c.json'];
    const item = await pipeline('Together', Object.fromEntries([[PART, pipelineJson('a')], ...parts.map((p) => [p, '{}'])]));
    await Promise.all(parts.map((p) => saver.write(item, p, bytes(JSON.stringify({ edited: p })), 'manual')));
    assert.deepEqual(conflicts, []);
    for (const p of parts) assert.equal(await remote(item, p), JSON.stringify({ edited: p }));
    assert.deepEqual(saver.pending.list(), []);
  });

  it('keeps a save that meets a change made in Fabric as a conflict, without throwing; Overwrite uploads it', async () => {
    const item = await pipeline('Conflict');
    await changeInFabric(item, 'theirs');
    await saver.write(item, PART, bytes(pipelineJson('mine')), 'manual');
    assert.match(await remote(item), /theirs/);
    assert.deepEqual(
      saver.pending.list().map((c) => c.reason.kind),
      ['conflict'],
    );
    assert.deepEqual(
      conflicts.map((c) => c.paths),
      [[PART]],
    );
    assert.match(text(conflicts[0]!.remote.files.get(PART)), /theirs/);
    // Auto-saves of the conflicting text do not ask again.
    await saver.write(item, PART, bytes(pipelineJson('mine, more')), 'auto');
    await saver.uploadWaiting();
    assert.equal(conflicts.length, 1);
    await saver.uploadNow(item, { force: true });
    assert.match(await remote(item), /mine, more/);
    assert.deepEqual(saver.pending.list(), []);
  });

  it("Discard drops the text; reads show Fabric's copy", async () => {
    const item = await pipeline('Discarded');
    await saver.write(item, PART, bytes('{ half'), 'auto');
    await saver.discard(item, PART);
    assert.deepEqual(saver.pending.list(), []);
    assert.match(text(await cache.readPart(item, PART)), /in Fabric/);
  });

  it('keeps waiting parts with the reason when their upload fails, and uploads them later', async () => {
    const item = await pipeline('Failing');
    let fail = true;
    client = failingUploads(() => fail);
    await saver.write(item, PART, bytes(pipelineJson('later')), 'auto');
    await saver.uploadWaiting();
    assert.deepEqual(
      saver.pending.list().map((c) => c.reason),
      [{ kind: 'failed', message: 'Fabric is down (request id 42)' }],
    );
    assert.deepEqual(
      failures.map((f) => f.message),
      ['Fabric is down (request id 42)'],
    );
    await assert.rejects(saver.write(item, 'settings.json', bytes('{}'), 'manual'), /boom/, 'a manual save that fails throws');
    fail = false;
    await saver.uploadNow(item);
    assert.match(await remote(item), /later/);
    assert.deepEqual(saver.pending.list(), []);
  });

  it('restores pending text in a new session, with its base: a change made in Fabric meanwhile is still a conflict', async () => {
    const item = await pipeline('Restored');
    await saver.write(item, PART, bytes(pipelineJson('before reload')), 'auto');
    saver.dispose();
    await changeInFabric(item, 'theirs');
    start();
    assert.equal(await saver.restore(), 1);
    assert.match(text(await cache.readPart(item, PART)), /before reload/);
    await saver.uploadNow(item);
    assert.equal(conflicts.length, 1);
    assert.match(await remote(item), /theirs/);
  });

  it('pending parts follow a rename made through this window: no conflict with the rename', async () => {
    const item = await pipeline('Before rename');
    await saver.write(item, PART, bytes(pipelineJson('mine')), 'auto');
    const before = cache.peek(item)?.fingerprint;
    const renamed = { ...item, ...(await fx.client.updateItem(workspaceId, item.id, { displayName: 'After rename' })), workspaceId };
    cache.invalidate(workspaceId, item.id);
    await saver.followRename(renamed, before);
    assert.deepEqual(
      saver.pending.list().map((c) => c.item.displayName),
      ['After rename'],
    );
    await saver.uploadNow(renamed);
    assert.deepEqual(conflicts, []);
    assert.match(await remote(item), /mine/);
    assert.equal((await fx.client.getItem(workspaceId, item.id)).displayName, 'After rename');
  });

  it("neither shows nor uploads another connection's pending text", async () => {
    const item = await pipeline('Other connection');
    await saver.write(item, PART, bytes(pipelineJson('through a')), 'auto');
    connection = 'another';
    assert.match(text(await cache.readPart(item, PART)), /in Fabric/);
    await saver.uploadWaiting();
    assert.equal(fx.calls.get('updateDefinition'), undefined);
    assert.equal(saver.pending.list().length, 1, 'kept for its connection');
  });

  describe('staged mode: saves kept until published', () => {
    beforeEach(() => {
      mode = 'staged';
    });
    const kinds = () => saver.pending.list().map((c) => [c.item.displayName, c.path, c.reason.kind]);

    it('keeps a save as a staged change: nothing uploaded, reads show it, other uploads leave it', async () => {
      const item = await pipeline('Staged', { [PART]: pipelineJson('in Fabric'), 'settings.json': '{}' });
      await saver.write(item, PART, bytes(pipelineJson('staged')), 'manual');
      await saver.write(item, 'settings.json', bytes('{ "n": 1 }'), 'auto');
      assert.deepEqual(kinds(), [
        ['Staged', PART, 'staged'],
        ['Staged', 'settings.json', 'staged'],
      ]);
      assert.match(text(await cache.readPart(item, PART)), /staged/, 'a reopened editor shows the staged text');
      await saver.uploadWaiting();
      mode = 'immediate';
      const other = await pipeline('Other');
      await saver.write(other, PART, bytes(pipelineJson('at once')), 'manual');
      assert.equal(fx.calls.get('updateDefinition'), 1, "only the immediate save's upload");
      assert.match(await remote(item), /in Fabric/);
      assert.equal(saver.pending.list().length, 2, 'still staged');
    });

    it('checks a save as an immediate one does: a manual save Fabric would refuse is refused, an auto-save kept as invalid', async () => {
      const item = await pipeline('Staged invalid');
      await assert.rejects(saver.write(item, PART, bytes('{ "properties": '), 'manual'), InvalidPartError);
      assert.deepEqual(kinds(), []);
      await saver.write(item, PART, bytes('{ "properties": '), 'auto');
      assert.deepEqual(kinds(), [['Staged invalid', PART, 'invalid']]);
      assert.deepEqual(await saver.publish(item), { kind: 'invalid', path: PART, problem: (saver.pending.list()[0]!.reason as { problem: string }).problem });
      assert.equal(fx.calls.get('updateDefinition'), undefined, 'an item with text Fabric would refuse is held back');
    });

    it("publishes an item's staged parts in one upload and drops them", async () => {
      const item = await pipeline('Publish', { [PART]: pipelineJson('in Fabric'), 'settings.json': '{}' });
      await saver.write(item, PART, bytes(pipelineJson('published')), 'manual');
      await saver.write(item, 'settings.json', bytes('{ "n": 2 }'), 'manual');
      assert.deepEqual(await saver.publish(item), { kind: 'uploaded' });
      assert.equal(fx.calls.get('updateDefinition'), 1);
      assert.match(await remote(item), /published/);
      assert.equal(await remote(item, 'settings.json'), '{ "n": 2 }');
      assert.deepEqual(kinds(), []);
    });

    it('publishes item by item in order; a conflict stops that item only (told, kept as a conflict); the others go', async () => {
      const items = [await pipeline('A first'), await pipeline('B changed in Fabric'), await pipeline('C last')];
      for (const item of items) await saver.write(item, PART, bytes(pipelineJson(`mine: ${item.displayName}`)), 'manual');
      await changeInFabric(items[1]!, 'theirs');
      const order: string[] = [];
      const report = await publishItems(saver, items, { onItem: (item, index, total) => order.push(`${index + 1}/${total} ${item.displayName}`) });
      assert.deepEqual(order, ['1/3 A first', '2/3 B changed in Fabric', '3/3 C last']);
      assert.deepEqual(
        report.outcomes.map((o) => [o.item.displayName, o.outcome.kind]),
        [
          ['A first', 'uploaded'],
          ['B changed in Fabric', 'conflict'],
          ['C last', 'uploaded'],
        ],
      );
      assert.match(await remote(items[0]!), /mine: A first/);
      assert.match(await remote(items[1]!), /theirs/);
      assert.match(await remote(items[2]!), /mine: C last/);
      assert.deepEqual(kinds(), [['B changed in Fabric', PART, 'conflict']]);
      assert.deepEqual(
        conflicts.map((c) => c.item.displayName),
        ['B changed in Fabric'],
        'the conflict is told once, for the Compare / Overwrite / Discard choice',
      );
      // Overwrite: the person's choice uploads it.
      await saver.uploadNow(items[1]!, { force: true });
      assert.match(await remote(items[1]!), /mine: B/);
    });

    it('keeps a change whose publish failed, with the reason; publishing again sends it', async () => {
      const item = await pipeline('Publish fails');
      let fail = true;
      client = failingUploads(() => fail);
      await saver.write(item, PART, bytes(pipelineJson('kept')), 'manual');
      assert.deepEqual(await saver.publish(item), { kind: 'failed', message: 'Fabric is down (request id 42)' });
      assert.deepEqual(
        saver.pending.list().map((c) => c.reason),
        [{ kind: 'failed', message: 'Fabric is down (request id 42)' }],
      );
      assert.match(text(saver.pending.list()[0]!.content), /kept/);
      assert.deepEqual(failures, [], 'a publish says what failed itself, once, not one notice per item');
      fail = false;
      assert.deepEqual(await saver.publish(item), { kind: 'uploaded' });
      assert.match(await remote(item), /kept/);
    });

    it('stops before the next item when cancelled; the items not reached stay staged', async () => {
      const items = [await pipeline('Cancel 1'), await pipeline('Cancel 2'), await pipeline('Cancel 3')];
      for (const item of items) await saver.write(item, PART, bytes(pipelineJson('mine')), 'manual');
      let cancelled = false;
      const report = await publishItems(saver, items, {
        cancelled: () => cancelled,
        onItem: () => {
          cancelled = true;
        },
      });
      assert.deepEqual(
        report.outcomes.map((o) => o.outcome.kind),
        ['uploaded'],
      );
      assert.deepEqual(
        report.notStarted.map((i) => i.displayName),
        ['Cancel 2', 'Cancel 3'],
      );
      assert.deepEqual(kinds(), [
        ['Cancel 2', PART, 'staged'],
        ['Cancel 3', PART, 'staged'],
      ]);
    });

    it('restores staged changes in a new session; publishing them still checks for a change made in Fabric meanwhile', async () => {
      const [kept, changed] = [await pipeline('Reload kept'), await pipeline('Reload changed')];
      await saver.write(kept, PART, bytes(pipelineJson('before reload')), 'manual');
      await saver.write(changed, PART, bytes(pipelineJson('before reload')), 'manual');
      saver.dispose();
      await changeInFabric(changed, 'theirs');
      start();
      assert.equal(await saver.restore(), 2);
      assert.deepEqual(kinds(), [
        ['Reload kept', PART, 'staged'],
        ['Reload changed', PART, 'staged'],
      ]);
      assert.match(text(await cache.readPart(kept, PART)), /before reload/);
      const report = await publishItems(saver, [kept, changed]);
      assert.deepEqual(
        report.outcomes.map((o) => o.outcome.kind),
        ['uploaded', 'conflict'],
      );
      assert.match(await remote(kept), /before reload/);
      assert.match(await remote(changed), /theirs/);
    });

    it('a recheck marks the staged parts whose item changed in Fabric as conflicts, uploading nothing', async () => {
      const [same, changed] = [await pipeline('Recheck same'), await pipeline('Recheck changed')];
      await saver.write(same, PART, bytes(pipelineJson('mine')), 'manual');
      await saver.write(changed, PART, bytes(pipelineJson('mine')), 'manual');
      await changeInFabric(changed, 'theirs');
      assert.deepEqual(await saver.recheck(same), []);
      assert.equal((await saver.recheck(changed)).length, 1);
      assert.deepEqual(kinds(), [
        ['Recheck same', PART, 'staged'],
        ['Recheck changed', PART, 'conflict'],
      ]);
      assert.equal(fx.calls.get('updateDefinition'), undefined);
    });

    it('Overwrite (forceNextSave) uploads the next save even in staged mode', async () => {
      const item = await pipeline('Staged overwrite');
      await changeInFabric(item, 'theirs');
      saver.forceNextSave(item, PART);
      await saver.write(item, PART, bytes(pipelineJson('mine wins')), 'manual');
      assert.match(await remote(item), /mine wins/);
      assert.deepEqual(kinds(), []);
    });
  });
});
