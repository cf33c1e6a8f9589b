// The Source Control view's Git model, vscode-free: Git_GetStatus's changes grouped as the view
// shows them, and the model's states and requests against a real emulator.
import assert from 'node:assert/strict';
import { encodeDefinition } from '../../../src/fabric';
import type { GitItemChange } from '../../../src/fabric/types';
import { FabricGitModel } from '../../../src/workspace/FabricGitModel';
import { groupGitChanges } from '../../../src/workspace/gitChanges';
import { startFixture, type Fixture } from './emulatorFixture';

const change = (displayName: string, sides: Partial<GitItemChange>, logicalId?: string): GitItemChange => ({
  itemMetadata: { itemIdentifier: { objectId: `${displayName}-object`, ...(logicalId ? { logicalId } : {}) }, itemType: 'Notebook', displayName },
  conflictType: 'None',
  ...sides,
});

describe('Fabric Git: the changes as the Source Control view groups them', () => {
  it('puts workspace changes and Git changes in their groups, an item changed on both sides in both, marked', () => {
    const groups = groupGitChanges({
      changes: [
        change('Zeta', { workspaceChange: 'Modified' }, 'z'),
        change('Alpha', { remoteChange: 'Added' }),
        change('Both', { workspaceChange: 'Modified', remoteChange: 'Deleted', conflictType: 'Conflict' }, 'b'),
        change('Same', { workspaceChange: 'Modified', remoteChange: 'Modified', conflictType: 'SameChanges' }),
        change('Gone', { workspaceChange: 'Deleted' }),
      ],
    });
    const shown = (side: 'uncommitted' | 'incoming') => groups[side].map((e) => `${e.itemFolder} ${e.change}${e.conflict ? '!' : ''}`);
    assert.deepEqual(shown('uncommitted'), ['Both.Notebook modified!', 'Gone.Notebook deleted', 'Zeta.Notebook modified']);
    assert.deepEqual(shown('incoming'), ['Alpha.Notebook added', 'Both.Notebook deleted!']);
    assert.deepEqual(groups.uncommitted[2]!.identifier, { objectId: 'Zeta-object', logicalId: 'z' });
    assert.equal(groups.uncommitted[2]!.key, 'z', 'the logical id when there is one');
    assert.equal(groups.incoming[0]!.key, 'Alpha-object');
  });

  it('reads a change type added to the API later as a modification, and no status as no changes', () => {
    assert.equal(groupGitChanges({ changes: [change('New', { workspaceChange: 'Renamed' })] }).uncommitted[0]!.change, 'modified');
    assert.deepEqual(groupGitChanges(undefined), { uncommitted: [], incoming: [] });
  });
});

describe('Fabric Git: the model of one workspace', function () {
  this.timeout(20_000);
  let fixture: Fixture;
  let workspaceId: string;
  let model: FabricGitModel;
  /** Read through a call: each assertion on it would narrow the state's type for the next. */
  const kind = () => model.state.kind;

  before(async () => {
    fixture = await startFixture({ lroMode: 'sync' });
    workspaceId = (await fixture.client.createWorkspace({ displayName: 'Git model' })).id;
    const definition = encodeDefinition([{ path: 'pipeline-content.json', content: Buffer.from('{"properties":{"activities":[]}}') }]);
    await fixture.client.createItem(workspaceId, { displayName: 'Load', type: 'DataPipeline', definition });
    model = new FabricGitModel(() => fixture.client, workspaceId, 'Git model');
  });
  after(() => fixture.close());

  it('goes from not connected to connected to ready as the workspace does, firing each change', async () => {
    let changes = 0;
    model.onDidChange(() => changes++);
    assert.equal(kind(), 'loading');
    await model.refresh();
    assert.equal(kind(), 'notConnected');
    const gitProviderDetails = {
      gitProviderType: 'GitHub',
      ownerName: 'contoso',
      repositoryName: 'items',
      branchName: 'main',
      directoryName: '',
    } as const;
    await fixture.client.connectGit(workspaceId, {
      gitProviderDetails,
      myGitCredentials: { source: 'ConfiguredConnection', connectionId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' },
    });
    await model.refresh();
    assert.equal(kind(), 'notInitialized');
    assert.throws(() => model.commitRequest('', undefined), /not known: refresh it first/);
    await fixture.client.initializeGitConnection(workspaceId);
    await model.refresh();
    assert.equal(kind(), 'ready');
    assert.deepEqual(
      model.groups.uncommitted.map((e) => e.displayName),
      ['Load'],
    );
    assert.equal(changes, 3);
  });

  it('builds the commit and update requests from the status shown: its heads, the selected items, the choices made', async () => {
    const load = model.groups.uncommitted[0]!;
    assert.deepEqual(model.commitRequest('', undefined), { mode: 'All', workspaceHead: null });
    assert.deepEqual(model.commitRequest('Only Load', [load]), { mode: 'Selective', workspaceHead: null, comment: 'Only Load', items: [load.identifier] });
    assert.throws(() => model.updateRequest(undefined, false), /no commits to update from/);

    await model.commit('First', undefined);
    const state = model.state;
    assert.ok(state.kind === 'ready' && state.status.workspaceHead);
    assert.deepEqual(model.groups, { uncommitted: [], incoming: [] });
    assert.deepEqual(model.updateRequest('PreferRemote', true), {
      workspaceHead: state.status.workspaceHead,
      remoteCommitHash: state.status.remoteCommitHash,
      conflictResolution: { conflictResolutionType: 'Workspace', conflictResolutionPolicy: 'PreferRemote' },
      options: { allowOverrideItems: true },
    });
  });

  it('shows a failure with its reason', async () => {
    const broken = new FabricGitModel(() => fixture.client, '00000000-0000-0000-0000-000000000000', 'Gone');
    await broken.refresh();
    assert.equal(broken.state.kind, 'failed');
    assert.match(broken.state.kind === 'failed' ? broken.state.message : '', /workspace was not found/);
  });
});
