// Fabric Git integration end to end through the client: the emulator's real repository is read
// back with isomorphic-git (commits, their files), a push "from elsewhere" goes through the
// emulator's own endpoint, and every refusal carries the spec's (or the README's) error code.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import { decodeDefinition, encodeDefinition, StaticTokenProvider, writePlatformFile, type FabricClient } from '../../../src/fabric';
import type { Emulator } from '../../../src/emulator';
import type { AzureDevOpsDetails, Folder, GitStatusResponse, Item } from '../../../src/fabric/types';
import { testClient } from '../fabric/testClient';
import { call, startTestEmulator, stopTestEmulators } from './emulatorHarness';

const PART = 'pipeline-content.json';
const pipelineJson = (description: string) => JSON.stringify({ properties: { activities: [], description } }, null, 2);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

const ADO: AzureDevOpsDetails = {
  gitProviderType: 'AzureDevOps',
  organizationName: 'Contoso',
  projectName: 'Analytics',
  repositoryName: 'fabric-items',
  branchName: 'main',
  directoryName: '/workspace',
};

/** Changes as `<change> <side> <name>` lines, sorted, conflicts marked: what the tests compare. */
const summary = (status: GitStatusResponse): string[] =>
  status.changes
    .map(
      (c) =>
        `${c.itemMetadata.displayName}: workspace ${c.workspaceChange ?? '-'}, remote ${c.remoteChange ?? '-'}${c.conflictType !== 'None' ? ` (${c.conflictType})` : ''}`,
    )
    .sort();

async function rejection(promise: Promise<unknown>): Promise<{ errorCode: string; userMessage: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errorCode: string; userMessage: string };
  }
  assert.fail('expected a refusal');
}

describe('emulator: Fabric Git integration, through the client', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let client: FabricClient;
  let workspaceId: string;
  let load: Item;

  async function pipeline(displayName: string, description: string, folderId?: string, workspace = workspaceId): Promise<Item> {
    const definition = encodeDefinition([{ path: PART, content: Buffer.from(pipelineJson(description)) }]);
    return client.createItem(workspace, { displayName, type: 'DataPipeline', definition, ...(folderId ? { folderId } : {}) });
  }

  /** The workspace as a person sees it: every folder (`Sales/`) and item (`Sales/Load`) by its path, sorted. */
  async function layout(workspace = workspaceId): Promise<string[]> {
    const folders = new Map<string, { displayName: string; parentFolderId?: string | null }>();
    for await (const folder of client.listFolders(workspace)) folders.set(folder.id, folder);
    const pathOf = (id: string | null | undefined): string => {
      const folder = id ? folders.get(id) : undefined;
      return folder ? `${pathOf(folder.parentFolderId)}${folder.displayName}/` : '';
    };
    const paths = [...folders.keys()].map(pathOf);
    for await (const item of client.listItems(workspace)) paths.push(`${pathOf(item.folderId)}${item.displayName}`);
    return paths.sort();
  }

  async function edit(item: Item, description: string): Promise<void> {
    await client.updateDefinition(workspaceId, item.id, encodeDefinition([{ path: PART, content: Buffer.from(pipelineJson(description)) }]));
  }

  async function contentOf(item: Item): Promise<string> {
    return text(decodeDefinition(await client.getDefinition(workspaceId, item.id)).find((f) => f.path === PART)!.content);
  }

  async function repository(): Promise<{ gitdir: string; head: string | null }> {
    const answer = await call(emulator, 'GET', `/emulator/git/${workspaceId}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return { gitdir: answer.body.repositoryPath, head: answer.body.head };
  }

  /** The file at the branch head, read with isomorphic-git. */
  async function fileInGit(filepath: string): Promise<string | undefined> {
    const { gitdir } = await repository();
    const oid = await git.resolveRef({ fs, gitdir, ref: 'refs/heads/main' });
    try {
      return text((await git.readBlob({ fs, gitdir, oid, filepath: `workspace/${filepath}` })).blob);
    } catch {
      return undefined;
    }
  }

  async function push(files: object[], comment = 'From a colleague'): Promise<string> {
    const answer = await call(emulator, 'POST', `/emulator/git/${workspaceId}/commits`, { comment, files });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.commitHash;
  }

  async function connectAndCommitAll(): Promise<void> {
    await client.connectGit(workspaceId, { gitProviderDetails: ADO });
    assert.equal((await client.initializeGitConnection(workspaceId)).requiredAction, 'CommitToGit');
    await client.commitToGit(workspaceId, { mode: 'All', comment: 'First sync' });
  }

  beforeEach(async () => {
    emulator = await startTestEmulator({ sample: false, faults: 'lro=10ms' });
    client = testClient(emulator.baseUrl, { tokenProvider: new StaticTokenProvider(emulator.token) }).client;
    workspaceId = (await client.createWorkspace({ displayName: 'Git' })).id;
    load = await pipeline('Load', 'first');
  });
  afterEach(stopTestEmulators);

  it('connects, initializes and commits every item as a real commit in the folder layout Fabric uses', async () => {
    assert.equal((await client.getGitConnection(workspaceId)).gitConnectionState, 'NotConnected');
    await client.connectGit(workspaceId, { gitProviderDetails: ADO });
    assert.equal((await client.getGitConnection(workspaceId)).gitConnectionState, 'Connected');
    assert.deepEqual(await client.getMyGitCredentials(workspaceId), { source: 'Automatic' });
    const init = await client.initializeGitConnection(workspaceId);
    assert.deepEqual([init.requiredAction, init.workspaceHead, init.remoteCommitHash], ['CommitToGit', null, null]);
    assert.deepEqual(summary(await client.getGitStatus(workspaceId)), ['Load: workspace Added, remote -']);

    await client.commitToGit(workspaceId, { mode: 'All', comment: 'First sync', workspaceHead: null });

    const { gitdir, head } = await repository();
    const log = await git.log({ fs, gitdir, ref: 'refs/heads/main' });
    assert.deepEqual(
      log.map((c) => c.commit.message.trim()),
      ['First sync'],
    );
    assert.equal(log[0]!.oid, head);
    assert.equal(await fileInGit(`Load.DataPipeline/${PART}`), pipelineJson('first'));
    assert.match((await fileInGit('Load.DataPipeline/.platform'))!, new RegExp(`"logicalId": "${load.id}"`));
    const status = await client.getGitStatus(workspaceId);
    assert.deepEqual([status.workspaceHead, status.remoteCommitHash, status.changes], [head, head, []]);
    const connection = await client.getGitConnection(workspaceId);
    assert.deepEqual([connection.gitConnectionState, connection.gitSyncDetails?.head], ['ConnectedAndInitialized', head]);
  });

  it('names the directory of an item whose name no directory can hold with HTML numbers, as Fabric does, and reads it back', async () => {
    await pipeline(' a\u0000b/c:d.', 'odd');
    await connectAndCommitAll();
    assert.equal(await fileInGit(`&#32;a&#0;b&#47;c&#58;d&#46;.DataPipeline/${PART}`), pipelineJson('odd'));
    assert.deepEqual((await client.getGitStatus(workspaceId)).changes, [], 'the name is read back from .platform: Git holds what the workspace holds');
  });

  it('commits only the selected items, on top of the head the workspace was synced to', async () => {
    const other = await pipeline('Other', 'first');
    await connectAndCommitAll();
    await edit(load, 'second');
    await edit(other, 'second');
    const status = await client.getGitStatus(workspaceId);
    assert.deepEqual(summary(status), ['Load: workspace Modified, remote -', 'Other: workspace Modified, remote -']);

    await client.commitToGit(workspaceId, { mode: 'Selective', workspaceHead: status.workspaceHead, comment: 'Only Load', items: [{ objectId: load.id }] });

    assert.equal(await fileInGit(`Load.DataPipeline/${PART}`), pipelineJson('second'));
    assert.equal(await fileInGit(`Other.DataPipeline/${PART}`), pipelineJson('first'));
    const { gitdir } = await repository();
    const [last, first] = await git.log({ fs, gitdir, ref: 'refs/heads/main' });
    assert.deepEqual([last!.commit.message.trim(), last!.commit.parent], ['Only Load', [first!.oid]]);
    assert.deepEqual(summary(await client.getGitStatus(workspaceId)), ['Other: workspace Modified, remote -']);
  });

  it('shows a push from elsewhere as incoming, and the update applies it: changed, created and deleted items', async () => {
    const doomed = await pipeline('Doomed', 'first');
    await connectAndCommitAll();
    const platform = writePlatformFile({ type: 'DataPipeline', displayName: 'Fresh', logicalId: '7f4fbd1e-9a4e-4c9b-8c4e-2f1d8f0f2b11' });
    await push([
      { path: `Load.DataPipeline/${PART}`, content: pipelineJson('from elsewhere') },
      { path: 'Fresh.DataPipeline/.platform', content: platform },
      { path: `Fresh.DataPipeline/${PART}`, content: pipelineJson('fresh') },
      { path: 'Doomed.DataPipeline/.platform', delete: true },
      { path: `Doomed.DataPipeline/${PART}`, delete: true },
    ]);
    const status = await client.getGitStatus(workspaceId);
    assert.notEqual(status.remoteCommitHash, status.workspaceHead);
    assert.deepEqual(summary(status), ['Doomed: workspace -, remote Deleted', 'Fresh: workspace -, remote Added', 'Load: workspace -, remote Modified']);
    assert.equal((await rejection(client.commitToGit(workspaceId, { mode: 'All' }))).errorCode, 'UpdateFromGitRequired');

    await client.updateFromGit(workspaceId, { workspaceHead: status.workspaceHead, remoteCommitHash: status.remoteCommitHash! });

    assert.equal(await contentOf(load), pipelineJson('from elsewhere'));
    const items = new Map<string, Item>();
    for await (const item of client.listItems(workspaceId)) items.set(item.displayName, item);
    assert.deepEqual([...items.keys()].sort(), ['Fresh', 'Load']);
    assert.equal(await contentOf({ ...items.get('Fresh')!, workspaceId }), pipelineJson('fresh'));
    assert.ok(!items.has(doomed.displayName));
    const after = await client.getGitStatus(workspaceId);
    assert.deepEqual([after.workspaceHead, after.changes], [status.remoteCommitHash, []]);
  });

  it('marks an item changed on both sides as a conflict, and updates only with a resolution and, to overwrite, consent', async () => {
    await connectAndCommitAll();
    await edit(load, 'mine');
    await push([{ path: `Load.DataPipeline/${PART}`, content: pipelineJson('theirs') }]);
    const status = await client.getGitStatus(workspaceId);
    assert.deepEqual(summary(status), ['Load: workspace Modified, remote Modified (Conflict)']);
    const heads = { workspaceHead: status.workspaceHead, remoteCommitHash: status.remoteCommitHash! };

    assert.equal((await rejection(client.updateFromGit(workspaceId, heads))).errorCode, 'ConflictResolutionMissing');
    const preferRemote = { conflictResolutionType: 'Workspace', conflictResolutionPolicy: 'PreferRemote' } as const;
    const refused = await rejection(client.updateFromGit(workspaceId, { ...heads, conflictResolution: preferRemote }));
    assert.equal(refused.errorCode, 'OverrideItemsNotAllowed');
    assert.match(refused.userMessage, /overwrite workspace items with uncommitted changes/);
    assert.equal(await contentOf(load), pipelineJson('mine'), 'a refused update changes nothing');

    await client.updateFromGit(workspaceId, { ...heads, conflictResolution: { ...preferRemote, conflictResolutionPolicy: 'PreferWorkspace' } });
    assert.equal(await contentOf(load), pipelineJson('mine'));
    assert.deepEqual(summary(await client.getGitStatus(workspaceId)), ['Load: workspace Modified, remote -']);
  });

  it('takes Git’s side of a conflict when told to and allowed to overwrite', async () => {
    await connectAndCommitAll();
    await edit(load, 'mine');
    await push([{ path: `Load.DataPipeline/${PART}`, content: pipelineJson('theirs') }]);
    const status = await client.getGitStatus(workspaceId);
    await client.updateFromGit(workspaceId, {
      workspaceHead: status.workspaceHead,
      remoteCommitHash: status.remoteCommitHash!,
      conflictResolution: { conflictResolutionType: 'Workspace', conflictResolutionPolicy: 'PreferRemote' },
      options: { allowOverrideItems: true },
    });
    assert.equal(await contentOf(load), pipelineJson('theirs'));
    assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
  });

  it('initializes a second workspace from the same repository: the items come in by an update', async () => {
    await connectAndCommitAll();
    const second = (await client.createWorkspace({ displayName: 'Second' })).id;
    await client.connectGit(second, { gitProviderDetails: ADO });
    const init = await client.initializeGitConnection(second);
    assert.equal(init.requiredAction, 'UpdateFromGit');
    const status = await client.getGitStatus(second);
    assert.deepEqual(summary(status), ['Load: workspace -, remote Added']);
    await client.updateFromGit(second, { remoteCommitHash: status.remoteCommitHash! });
    const items: Item[] = [];
    for await (const item of client.listItems(second)) items.push(item);
    assert.deepEqual(
      items.map((i) => i.displayName),
      ['Load'],
    );
  });

  describe('workspace folders, which Git holds as directories (Learn: "Basic concepts in Git integration", Folders)', () => {
    const platformOf = (displayName: string, logicalId: string) => writePlatformFile({ type: 'DataPipeline', displayName, logicalId });
    /** The files of a pipeline pushed in `directory` (relative to the connected folder). */
    const pushedPipeline = (directory: string, displayName: string, logicalId: string, description: string): object[] => [
      { path: `${directory}/.platform`, content: platformOf(displayName, logicalId) },
      { path: `${directory}/${PART}`, content: pipelineJson(description) },
    ];

    async function update(workspace = workspaceId, extra: object = {}): Promise<void> {
      const status = await client.getGitStatus(workspace);
      await client.updateFromGit(workspace, { workspaceHead: status.workspaceHead, remoteCommitHash: status.remoteCommitHash!, ...extra });
    }

    it('updates items into the folders their directories name, creating missing ones (nested) and keeping the ones left empty', async () => {
      const old = await client.createFolder(workspaceId, { displayName: 'Old' });
      const team = await client.createFolder(workspaceId, { displayName: 'Team' });
      const stays = await pipeline('Stays', 'first', old.id);
      await connectAndCommitAll();
      assert.equal(await fileInGit(`Old/Stays.DataPipeline/${PART}`), pipelineJson('first'));
      // Someone moves Load into Team/Bronze, Stays to the root, and adds Fresh three levels down.
      await push([
        { path: 'Load.DataPipeline/.platform', delete: true },
        { path: `Load.DataPipeline/${PART}`, delete: true },
        ...pushedPipeline('Team/Bronze/Load.DataPipeline', 'Load', load.id, 'first'),
        { path: 'Old/Stays.DataPipeline/.platform', delete: true },
        { path: `Old/Stays.DataPipeline/${PART}`, delete: true },
        ...pushedPipeline('Stays.DataPipeline', 'Stays', stays.id, 'first'),
        ...pushedPipeline('Sales/Gold/Daily/Fresh.DataPipeline', 'Fresh', '7f4fbd1e-9a4e-4c9b-8c4e-2f1d8f0f2b11', 'fresh'),
      ]);
      assert.deepEqual(summary(await client.getGitStatus(workspaceId)), [
        'Fresh: workspace -, remote Added',
        'Load: workspace -, remote Modified',
        'Stays: workspace -, remote Modified',
      ]);

      await update();

      assert.deepEqual(await layout(), [
        'Old/', // Learn: empty folders in the workspace aren't deleted automatically
        'Sales/',
        'Sales/Gold/',
        'Sales/Gold/Daily/',
        'Sales/Gold/Daily/Fresh',
        'Stays',
        'Team/',
        'Team/Bronze/',
        'Team/Bronze/Load',
      ]);
      const inTeam: Folder[] = [];
      for await (const folder of client.listFolders(workspaceId, { rootFolderId: team.id })) inTeam.push(folder);
      assert.equal((await client.getItem(workspaceId, load.id)).folderId, inTeam.find((f) => f.displayName === 'Bronze')?.id, 'the same item, moved');
      assert.equal((await client.getFolder(workspaceId, team.id)).displayName, 'Team', 'an existing folder of that name is reused');
      assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
    });

    it('reuses a folder whose name differs from the directory only in case, as Fabric compares folder names', async () => {
      await client.createFolder(workspaceId, { displayName: 'Team' });
      await connectAndCommitAll();
      await push(pushedPipeline('team/Fresh.DataPipeline', 'Fresh', '7f4fbd1e-9a4e-4c9b-8c4e-2f1d8f0f2b11', 'fresh'));
      await update();
      assert.deepEqual(await layout(), ['Load', 'Team/', 'Team/Fresh']);
      assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
    });

    it('shows an item moved to another folder in the workspace as uncommitted, and the commit moves its directory', async () => {
      await connectAndCommitAll();
      const team = await client.createFolder(workspaceId, { displayName: 'Team' });
      await client.moveItem(workspaceId, load.id, team.id);
      assert.deepEqual(summary(await client.getGitStatus(workspaceId)), ['Load: workspace Modified, remote -']);

      await client.commitToGit(workspaceId, { mode: 'All', comment: 'Move Load' });

      assert.equal(await fileInGit(`Team/Load.DataPipeline/${PART}`), pipelineJson('first'));
      assert.equal(await fileInGit(`Load.DataPipeline/${PART}`), undefined, 'the old directory is gone');
      assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
    });

    it('refuses an update whose directories Fabric cannot make folders, naming the directory, and changes nothing', async () => {
      await connectAndCommitAll();
      const deep = Array.from({ length: 11 }, (_, i) => `L${i + 1}`).join('/');
      const cases: [files: object[], errorCode: string, message: RegExp][] = [
        [
          pushedPipeline('v1.0/Fresh.DataPipeline', 'Fresh', 'a5b0c1d2-0000-4000-8000-000000000001', 'x'),
          'InvalidFolderDisplayName',
          /'v1\.0'.*v1\.0\/Fresh\.DataPipeline/,
        ],
        [
          pushedPipeline(' Team/Fresh.DataPipeline', 'Fresh', 'a5b0c1d2-0000-4000-8000-000000000002', 'x'),
          'InvalidFolderDisplayName',
          /' Team'.*starts or ends with a space/,
        ],
        [
          pushedPipeline(`${deep}/Fresh.DataPipeline`, 'Fresh', 'a5b0c1d2-0000-4000-8000-000000000003', 'x'),
          'FolderDepthOutOfRange',
          /L11\/Fresh\.DataPipeline.*10 levels/,
        ],
      ];
      // Each with a change Fabric could make, a good folder and an edit of Load, which must not happen either.
      const good = pushedPipeline('Good/Other.DataPipeline', 'Other', 'a5b0c1d2-0000-4000-8000-0000000000ff', 'x');
      for (const [files, errorCode, message] of cases) {
        await push([...files, ...good, { path: `Load.DataPipeline/${PART}`, content: pipelineJson('theirs') }]);
        const before = await client.getGitStatus(workspaceId);
        const refused = await rejection(update());
        assert.equal(refused.errorCode, errorCode);
        assert.match(refused.userMessage, message);
        assert.deepEqual(await layout(), ['Load'], 'no folder and no item was created');
        assert.equal(await contentOf(load), pipelineJson('first'), 'no item was changed');
        assert.equal((await client.getGitStatus(workspaceId)).workspaceHead, before.workspaceHead);
        await push(
          [...files, ...good].map((file) => ({ path: (file as { path: string }).path, delete: true })),
          'Undo, for the next case',
        );
      }
    });

    it('round trip: a second workspace updated from the commit of nested folders has the same folders and items in them', async () => {
      const sales = await client.createFolder(workspaceId, { displayName: 'Sales' });
      const bronze = await client.createFolder(workspaceId, { displayName: 'Bronze', parentFolderId: sales.id });
      const silver = await client.createFolder(workspaceId, { displayName: 'Silver', parentFolderId: sales.id });
      const deepest = await client.createFolder(workspaceId, { displayName: 'Daily', parentFolderId: silver.id });
      await client.createFolder(workspaceId, { displayName: 'Empty' });
      await client.moveItem(workspaceId, load.id, bronze.id);
      await pipeline('Clean', 'c', silver.id);
      await pipeline('Roll up', 'r', deepest.id);
      await pipeline('Sales', 'an item named as a folder', sales.id);
      await connectAndCommitAll();

      // The second workspace already has Load, at its root: initializing it with Git's side moves it.
      const second = (await client.createWorkspace({ displayName: 'Second' })).id;
      await pipeline('Load', 'first', undefined, second);
      await client.connectGit(second, { gitProviderDetails: ADO });
      assert.equal((await client.initializeGitConnection(second, 'PreferRemote')).requiredAction, 'UpdateFromGit');
      await update(second, { options: { allowOverrideItems: true } });

      const expected = (await layout()).filter((path) => path !== 'Empty/'); // Learn: empty folders aren't copied to Git
      assert.deepEqual(await layout(second), expected);
      assert.deepEqual(expected, [
        'Sales/',
        'Sales/Bronze/',
        'Sales/Bronze/Load',
        'Sales/Sales',
        'Sales/Silver/',
        'Sales/Silver/Clean',
        'Sales/Silver/Daily/',
        'Sales/Silver/Daily/Roll up',
      ]);
      assert.deepEqual((await client.getGitStatus(second)).changes, []);
      assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
    });
  });

  it('refuses what the spec refuses, with its error codes and advice', async () => {
    const notConnected = await rejection(client.getGitStatus(workspaceId));
    assert.equal(notConnected.errorCode, 'WorkspaceNotConnectedToGit');
    assert.match(notConnected.userMessage, /not connected to Git: connect it first/);
    await client.connectGit(workspaceId, { gitProviderDetails: ADO });
    assert.equal((await rejection(client.connectGit(workspaceId, { gitProviderDetails: ADO }))).errorCode, 'WorkspaceAlreadyConnectedToGit');
    await client.initializeGitConnection(workspaceId);
    await client.commitToGit(workspaceId, { mode: 'All' });
    assert.equal((await rejection(client.commitToGit(workspaceId, { mode: 'All' }))).errorCode, 'NoChangesToCommit');
    await edit(load, 'second');
    const stale = await rejection(client.commitToGit(workspaceId, { mode: 'All', workspaceHead: 'eaa737b48cda41b37ffefac772ea48f6fed3eac4' }));
    assert.equal(stale.errorCode, 'WorkspaceHeadMismatch');

    // A second workspace with its own items, connected to the same folder: someone must win.
    const second = (await client.createWorkspace({ displayName: 'Second' })).id;
    await client.createItem(second, { displayName: 'Load', type: 'DataPipeline' });
    await client.connectGit(second, { gitProviderDetails: ADO });
    assert.equal((await rejection(client.initializeGitConnection(second))).errorCode, 'MissingInitializationPolicy');
    assert.equal((await client.initializeGitConnection(second, 'PreferRemote')).requiredAction, 'UpdateFromGit');

    await client.disconnectGit(workspaceId);
    assert.equal((await client.getGitConnection(workspaceId)).gitConnectionState, 'NotConnected');
    assert.equal((await rejection(client.disconnectGit(workspaceId))).errorCode, 'WorkspaceNotConnectedToGit');
  });

  it('keeps untrusted names out of the file system: branch and folder names, pushed paths', async () => {
    const refusals = await Promise.all([
      call(emulator, 'POST', `/workspaces/${workspaceId}/git/connect`, { gitProviderDetails: { ...ADO, branchName: '../../etc' } }),
      call(emulator, 'POST', `/workspaces/${workspaceId}/git/connect`, { gitProviderDetails: { ...ADO, directoryName: 'a/../../b' } }),
      call(emulator, 'POST', `/workspaces/${workspaceId}/git/connect`, {
        gitProviderDetails: { ...ADO, gitProviderType: 'GitHub', ownerName: 'o' },
        myGitCredentials: { source: 'Automatic' },
      }),
    ]);
    assert.deepEqual(
      refusals.map((r) => [r.status, r.body.errorCode]),
      [
        [400, 'InvalidInput'],
        [400, 'InvalidInput'],
        [400, 'InvalidInput'],
      ],
    );
    await client.connectGit(workspaceId, { gitProviderDetails: ADO });
    for (const path of ['../outside', '.git/config', 'a//b', 'a\\b', '/absolute']) {
      const answer = await call(emulator, 'POST', `/emulator/git/${workspaceId}/commits`, { files: [{ path, content: 'x' }] });
      assert.deepEqual([answer.status, answer.body.errorCode], [400, 'InvalidInput'], path);
    }
    assert.equal((await repository()).head, null, 'nothing was committed');
  });

  it('keeps the connection across a restart of the emulator', async () => {
    await connectAndCommitAll();
    const { head } = await repository();
    const dataDir = emulator.dataDir;
    await emulator.close();
    emulator = await startTestEmulator({ dataDir, faults: 'lro=10ms' });
    client = testClient(emulator.baseUrl, { tokenProvider: new StaticTokenProvider(emulator.token) }).client;
    const connection = await client.getGitConnection(workspaceId);
    assert.deepEqual([connection.gitConnectionState, connection.gitSyncDetails?.head], ['ConnectedAndInitialized', head]);
    assert.deepEqual((await client.getGitStatus(workspaceId)).changes, []);
  });
});
