// Fabric Git integration in the Source Control view, against an emulator of the suite's own:
// connect a workspace (the wizard), see its items uncommitted, commit them (checked in the
// emulator's repository with isomorphic-git), change an item and commit only it, push a change
// "from elsewhere" (the emulator's endpoint), see it incoming, update from Git (the item changed,
// through the REST API), a conflict kept on the workspace's side, and disconnect.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as git from 'isomorphic-git';
import * as vscode from 'vscode';
import type { Emulator } from '../../../src/emulator';
import type { FabricClient } from '../../../src/fabric';
import { decodeDefinition, encodeDefinition } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import type { Explorer } from '../../../src/vscode/explorer/registerExplorer';
import type { JobsTestApi } from '../../../src/vscode/jobs/registerJobs';
import type { FabricGitManager } from '../../../src/vscode/scm/FabricGitManager';
import type { FabricGit } from '../../../src/vscode/scm/registerFabricGit';
import { closeScriptedSuite, connectScripted, scriptedPrompterHooks, startPagedTenant } from './support/explorerSuite';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { allChildren, findItemNode } from './support/tree';
import { pickByLabel, waitFor } from './support/wait';
import { BACK } from '../../../src/base/prompter';

const EXTENSION_ID = 'fabric-workbench.fabric-workbench';
const PART = 'pipeline-content.json';
const pipelineJson = (description: string) => JSON.stringify({ properties: { activities: [], description } }, null, 2);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('Fabric Git: the Source Control view', function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let dataDir: string;
  let client: FabricClient;
  let explorer: Explorer;
  let jobs: JobsTestApi;
  let gitScm: FabricGitManager;
  let decorations: FabricGit['decorations'];
  let workspaceId: string;
  let load: Item;
  const prompter = new ScriptedPrompter();
  const failures: string[] = [];

  const model = () => gitScm.model(workspaceId);
  const sourceControl = () => gitScm.sourceControl(workspaceId)!;
  /** `<name> <change>[!]` per side, `!` marking a conflict: what the view lists. */
  const listed = (side: 'uncommitted' | 'incoming') => (model()?.groups[side] ?? []).map((e) => `${e.displayName} ${e.change}${e.conflict ? '!' : ''}`);

  async function waitForListed(side: 'uncommitted' | 'incoming', expected: string[]): Promise<void> {
    await waitFor(() => JSON.stringify(listed(side)) === JSON.stringify(expected), `the ${side} group lists ${expected.join(', ') || 'nothing'}`);
  }

  async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: { [key: string]: string } }> {
    const response = await fetch(`${emulator.baseUrl}/emulator/git/${workspaceId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { [key: string]: string } };
  }

  /** The branch's commits in the emulator's repository, newest first, read with isomorphic-git. */
  async function commits(): Promise<{ message: string; oid: string }[]> {
    const { repositoryPath, branch } = (await admin('GET', '')).body;
    const log = await git.log({ fs, gitdir: repositoryPath!, ref: `refs/heads/${branch}` });
    return log.map((c) => ({ message: c.commit.message.trim(), oid: c.oid }));
  }

  async function fileInGit(filepath: string): Promise<string> {
    const { repositoryPath, head } = (await admin('GET', '')).body;
    return text((await git.readBlob({ fs, gitdir: repositoryPath!, oid: head!, filepath })).blob);
  }

  async function pushFromElsewhere(description: string): Promise<void> {
    const pushed = await admin('POST', '/commits', {
      comment: `Set ${description}`,
      files: [{ path: `Load.DataPipeline/${PART}`, content: pipelineJson(description) }],
    });
    assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
  }

  async function contentInFabric(item: Item): Promise<string> {
    return text(decodeDefinition(await client.getDefinition(workspaceId, item.id)).find((f) => f.path === PART)!.content);
  }

  async function workspaceNode(id = workspaceId) {
    const node = (await allChildren(explorer.tree)).find((n) => n.kind === 'workspace' && n.workspaceId === id);
    assert.ok(node, 'the tree shows the workspace');
    return node;
  }

  before(async () => {
    let pipeline: Item;
    ({ dataDir, emulator, client, workspaceId, pipeline } = await startPagedTenant('Git suite'));
    load = pipeline;
    ({ explorer, jobs } = await connectScripted(prompter, failures, emulator));
    ({ manager: gitScm, decorations } = (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { git: FabricGit }).git);
  });

  scriptedPrompterHooks(prompter, failures);

  after(() => closeScriptedSuite(explorer, emulator, dataDir));

  it('[fabricWorkbench.git.connect @ view/item/context] connects through the wizard; the items show as uncommitted and marked in the tree', async () => {
    prompter.answer(
      { pick: 'Azure DevOps' },
      { input: 'Contoso' },
      { input: 'Analytics' },
      { input: 'fabric-items' },
      { input: 'main', typed: [''] },
      { input: '/' },
      { pick: 'Automatic' },
    );
    await vscode.commands.executeCommand('fabricWorkbench.git.connect', await workspaceNode());
    assert.deepEqual(failures, []);
    assert.match(String(prompter.asked.at(-3)!.checks![0]), /Enter a value/, 'an empty branch is refused as it is typed');
    const connection = await client.getGitConnection(workspaceId);
    assert.deepEqual(
      [connection.gitConnectionState, connection.gitProviderDetails?.gitProviderType, connection.gitProviderDetails?.branchName],
      ['ConnectedAndInitialized', 'AzureDevOps', 'main'],
    );
    await waitForListed('uncommitted', ['Load added']);
    assert.equal(sourceControl().count, 1);
    const treeItem = explorer.tree.getTreeItem((await findItemNode(explorer.tree, await workspaceNode(), 'Load', 'DataPipeline'))!);
    assert.equal(treeItem.resourceUri?.toString(), sourceControl().rootUri?.with({ path: '/Load.DataPipeline' }).toString());
    const mark = decorations.provideFileDecoration(treeItem.resourceUri!);
    assert.deepEqual([mark?.badge, mark?.tooltip], ['A', 'Uncommitted change (Fabric Git)']);
  });

  it('[fabricWorkbench.git.commit @ scm/title] commits every change with the input box’s message, as a commit in the emulator’s repository', async () => {
    sourceControl().inputBox.value = 'First sync from VS Code';
    await vscode.commands.executeCommand('fabricWorkbench.git.commit', sourceControl());
    assert.deepEqual(failures, []);
    assert.deepEqual(
      (await commits()).map((c) => c.message),
      ['First sync from VS Code'],
    );
    assert.equal(await fileInGit(`Load.DataPipeline/${PART}`), JSON.stringify({ properties: { activities: [] } }, null, 2));
    await waitForListed('uncommitted', []);
    assert.equal(sourceControl().inputBox.value, '', 'the message is used up');
  });

  it('[fabricWorkbench.git.commit @ scm/resourceState/context] an item saved from the editor shows as uncommitted; committing the selected change commits only it', async () => {
    await client.createItem(workspaceId, {
      displayName: 'Other',
      type: 'DataPipeline',
      definition: encodeDefinition([{ path: PART, content: Buffer.from(pipelineJson('other')) }]),
    });
    await vscode.workspace.fs.writeFile(
      vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: `/Load.DataPipeline/${PART}` }),
      Buffer.from(pipelineJson('edited in VS Code')),
    );
    // The save reads the status again by itself.
    await waitForListed('uncommitted', ['Load modified', 'Other added']);

    // A message Fabric would refuse: said, and nothing committed.
    sourceControl().inputBox.value = 'x'.repeat(301);
    const loadChange = gitScm.resources(workspaceId, 'uncommitted').find((r) => r.resourceUri.path === '/Load.DataPipeline')!;
    await vscode.commands.executeCommand('fabricWorkbench.git.commit', loadChange);
    assert.match(failures.splice(0).join('\n'), /commit message has 301 characters; Fabric takes at most 300/);
    assert.equal((await commits()).length, 1);

    sourceControl().inputBox.value = 'Describe Load';
    await vscode.commands.executeCommand('fabricWorkbench.git.commit', loadChange);
    assert.deepEqual(failures, []);
    assert.deepEqual(
      (await commits()).map((c) => c.message),
      ['Describe Load', 'First sync from VS Code'],
    );
    assert.equal(await fileInGit(`Load.DataPipeline/${PART}`), pipelineJson('edited in VS Code'));
    await waitForListed('uncommitted', ['Other added']);
  });

  it('[fabricWorkbench.git.refresh @ scm/title] shows a change pushed from elsewhere as incoming', async () => {
    await pushFromElsewhere('from a colleague');
    await vscode.commands.executeCommand('fabricWorkbench.git.refresh', sourceControl());
    await waitForListed('incoming', ['Load modified']);
    assert.deepEqual(listed('uncommitted'), ['Other added']);
  });

  it('[fabricWorkbench.git.updateFromGit @ scm/title] asks before it may overwrite, then brings the incoming change into the item', async () => {
    prompter.answer({ pick: 'No, stop if it would' });
    await vscode.commands.executeCommand('fabricWorkbench.git.updateFromGit', sourceControl());
    assert.deepEqual(failures, []);
    assert.equal(await contentInFabric(load), pipelineJson('from a colleague'));
    await waitForListed('incoming', []);

    // Changed on both sides: the conflict is marked, and the workspace's side is kept when chosen.
    await client.updateDefinition(workspaceId, load.id, encodeDefinition([{ path: PART, content: Buffer.from(pipelineJson('mine')) }]));
    await pushFromElsewhere('theirs');
    await vscode.commands.executeCommand('fabricWorkbench.git.refresh', sourceControl());
    await waitForListed('incoming', ['Load modified!']);
    prompter.answer({ pick: "Keep the workspace's version" }, { pick: 'No, stop if it would' });
    await vscode.commands.executeCommand('fabricWorkbench.git.updateFromGit', sourceControl());
    assert.deepEqual(failures, []);
    assert.equal(await contentInFabric(load), pipelineJson('mine'));
    await waitForListed('uncommitted', ['Load modified', 'Other added']);
    await waitForListed('incoming', []);
  });

  it('[fabricWorkbench.git.openChangesWithClone @ scm/resourceState/context] says how to clone without one; with a clone open in the window, diffs its file against the definition', async () => {
    const loadChange = () => gitScm.resources(workspaceId, 'uncommitted').find((r) => r.resourceUri.path === '/Load.DataPipeline')!;
    await vscode.commands.executeCommand('fabricWorkbench.git.openChangesWithClone', loadChange());
    assert.match(failures.splice(0).join('\n'), /No clone of fabric-items is open in this window\. Clone it with "Git: Clone" \(.+\)/);

    // A clone of the emulator's repository (its remote is the repository's path), opened through the built-in Git extension.
    const { repositoryPath } = (await admin('GET', '')).body;
    const cloneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fwb-clone-'));
    execFileSync('git', ['clone', '--quiet', '--branch', 'main', repositoryPath!, cloneDir]);
    type GitApi = { openRepository(root: vscode.Uri): Promise<{ state: { remotes: readonly unknown[] } } | null> };
    const gitApi = (await vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git')!.activate()).getAPI(1);
    const repository = await gitApi.openRepository(vscode.Uri.file(cloneDir));
    assert.ok(repository, 'the Git extension opens the clone');
    // The extension reads the clone's remotes after it opened it.
    await waitFor(() => repository.state.remotes.length > 0, 'the Git extension knows the clone’s remote');
    try {
      await vscode.commands.executeCommand('fabricWorkbench.git.openChangesWithClone', loadChange());
      assert.deepEqual(failures, []);
      const diff = await waitFor(() => {
        const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return input instanceof vscode.TabInputTextDiff ? input : undefined;
      }, 'a diff editor opens');
      assert.equal(diff.original.fsPath, path.join(cloneDir, 'Load.DataPipeline', PART));
      assert.equal(diff.modified.toString(), vscode.Uri.from({ scheme: 'fabricwb', authority: workspaceId, path: `/Load.DataPipeline/${PART}` }).toString());
      const [clone, fabric] = await Promise.all([diff.original, diff.modified].map((uri) => vscode.workspace.openTextDocument(uri)));
      assert.deepEqual([clone!.getText(), fabric!.getText()], [pipelineJson('theirs'), pipelineJson('mine')]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(cloneDir, { recursive: true, force: true });
    }
  });

  it('marks an item inside a folder as soon as its change is read, without redrawing the tree', async () => {
    const folder = await client.createFolder(workspaceId, { displayName: 'Nested' });
    await client.createItem(workspaceId, {
      displayName: 'Deep',
      type: 'DataPipeline',
      folderId: folder.id,
      definition: encodeDefinition([{ path: PART, content: Buffer.from(pipelineJson('deep')) }]),
    });
    await vscode.commands.executeCommand('fabricWorkbench.refresh');
    const treeItem = explorer.tree.getTreeItem((await findItemNode(explorer.tree, await workspaceNode(), 'Deep', 'DataPipeline'))!);
    assert.equal(treeItem.resourceUri?.path, '/Nested/Deep.DataPipeline');
    // VS Code asks a provider again only for the URIs it names in onDidChangeFileDecorations.
    const named: string[] = [];
    const listening = decorations.onDidChangeFileDecorations((uris) => named.push(...uris.map(String)));
    try {
      await vscode.commands.executeCommand('fabricWorkbench.git.refresh', sourceControl());
      await waitForListed('uncommitted', ['Deep added', 'Load modified', 'Other added']);
      await waitFor(() => named.includes(treeItem.resourceUri!.toString()), 'the mark of the item inside the folder is renewed');
      assert.equal(decorations.provideFileDecoration(treeItem.resourceUri!)?.badge, 'A');
    } finally {
      listening.dispose();
    }
  });

  it('[fabricWorkbench.git.connect @ commandPalette] on a connected workspace picked by name, shows it without asking anything else', async () => {
    const run = vscode.commands.executeCommand('fabricWorkbench.git.connect');
    await pickByLabel(() => jobs.currentStepInput(), 'Git suite');
    await run;
    assert.deepEqual(failures, []);
    assert.ok(model(), 'still shown');
  });

  it('[fabricWorkbench.git.disconnect @ scm/title] asks first; a cancel keeps the connection; a confirm disconnects', async () => {
    prompter.answer({ confirm: undefined });
    await vscode.commands.executeCommand('fabricWorkbench.git.disconnect', sourceControl());
    assert.equal((await client.getGitConnection(workspaceId)).gitConnectionState, 'ConnectedAndInitialized');
    prompter.answer({ confirm: 'Disconnect' });
    await vscode.commands.executeCommand('fabricWorkbench.git.disconnect', sourceControl());
    assert.deepEqual(failures, []);
    assert.equal((await client.getGitConnection(workspaceId)).gitConnectionState, 'NotConnected');
    assert.equal(model(), undefined, 'no longer in the Source Control view');
  });

  it('[fabricWorkbench.git.connect @ view/item/context] to GitHub: asks only what GitHub needs, numbers the steps it asks, goes Back keeping answers', async () => {
    const second = (await client.createWorkspace({ displayName: 'Git second' })).id;
    await vscode.commands.executeCommand('fabricWorkbench.refresh');
    const connectionId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const asked = prompter.asked.length;
    prompter.answer(
      { pick: 'GitHub' },
      { input: 'contoso' },
      { input: 'items' },
      { input: BACK },
      { input: 'fabric-items' },
      { input: 'main' },
      { input: 'workspaces/second' },
      { input: connectionId, typed: ['not a guid'] },
    );
    await vscode.commands.executeCommand('fabricWorkbench.git.connect', await workspaceNode(second));
    assert.deepEqual(failures, []);
    const steps = prompter.asked.slice(asked);
    assert.deepEqual(
      steps.map((a) => a.step),
      ['1/?', '2/6', '3/6', '4/6', '3/6', '4/6', '5/6', '6/6'],
    );
    assert.match(String(steps.at(-1)!.checks![0]), /Enter a GUID/);
    const connection = await client.getGitConnection(second);
    assert.deepEqual(connection.gitProviderDetails, {
      gitProviderType: 'GitHub',
      ownerName: 'contoso',
      repositoryName: 'fabric-items',
      branchName: 'main',
      directoryName: 'workspaces/second',
    });
    assert.deepEqual(await client.getMyGitCredentials(second), { source: 'ConfiguredConnection', connectionId });
    await waitFor(() => gitScm.model(second)?.state.kind === 'ready', 'the second workspace is in the Source Control view');
  });
});
