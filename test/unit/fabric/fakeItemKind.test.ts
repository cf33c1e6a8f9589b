// Adding an item kind is one registry entry plus its runner in the emulator: a fake kind, added
// here and nowhere else, is listed (the tree's type group, its name and context value), opened
// (created from its minimal definition, its main part found and checked) and run (its declared
// parameters read, its request sent, the emulator routing the job to the fake runner).
import * as assert from 'node:assert/strict';
import { decodeDefinition, fileText, textFile } from '../../../src/fabric/definition';
import { TERMINAL_JOB_STATUSES, type ItemJobInstance } from '../../../src/fabric/types';
import {
  itemContextValue,
  itemTypeGroupName,
  itemTypeName,
  jobKinds,
  mainPart,
  minimalDefinition,
  registerItemKind,
  schedulableJobTypes,
} from '../../../src/fabric/itemKinds';
import type { JobRunner } from '../../../src/emulator/jobs';
import { readDeclaredParameters } from '../../../src/jobs/declaredParameters';
import { submitRun } from '../../../src/jobs/runRequest';
import { WorkspaceTreeModel, type TreeNode } from '../../../src/workspace/WorkspaceTreeModel';
import { WorkspaceItemIndex } from '../../../src/workspace/WorkspaceItemIndex';
import { validatePart } from '../../../src/workspace/partValidation';
import { startFixture, type Fixture } from '../workspace/emulatorFixture';

const FAKE = 'FakeKind';

/** The fake runner: completes with an exit value naming the job and the `steps` parameter it got. */
const fakeRunner: JobRunner = {
  run: async (_item, jobType, ctx) => ({ status: 'Completed', exitValue: `${jobType} steps=${String(ctx.parameters.find((p) => p.name === 'steps')?.value)}` }),
};

describe('a new item kind needs only its registry entry and its emulator runner', () => {
  let fx: Fixture;
  let registration: { dispose(): void };

  before(async () => {
    registration = registerItemKind({
      type: FAKE,
      one: 'Fake thing',
      many: 'Fake things',
      icon: 'beaker',
      creatable: true,
      definition: {
        mainParts: ['fake.json'],
        minimalFiles: () => [textFile('fake.json', JSON.stringify({ steps: 3 })), textFile('notes.md', '# notes')],
      },
      jobs: [
        {
          id: 'fakeRun',
          jobType: 'FakeRun',
          aliases: ['execute'],
          command: 'fabricWorkbench.runFake',
          title: 'Run Fake…',
          verb: 'Run',
          icon: 'play',
          schedulable: true,
          parameters: 'typed',
          declaredParameters: async (source) => {
            const steps = (JSON.parse(fileText((await source.files()).find((f) => f.path === 'fake.json')!)) as { steps: number }).steps;
            return [{ name: 'steps', type: 'Integer', defaultValue: String(steps) }];
          },
          request: ({ parameters }) => ({ endpoint: 'itemJob', jobType: 'FakeRun', body: { parameters } }),
        },
      ],
    });
    fx = await startFixture({ runners: { [FAKE]: fakeRunner }, timeScale: 0.01 });
  });

  after(async () => {
    await fx?.close();
    registration.dispose();
  });

  it('is listed, opened and run', async () => {
    const ws = await fx.client.createWorkspace({ displayName: 'Fakes' });
    const created = await fx.client.createItem(ws.id, { displayName: 'Thing 1', type: FAKE, definition: minimalDefinition(FAKE, 'Thing 1') });

    // Listed: a type group of its own in the tree, named and matched by menus as the registry says.
    const model = new WorkspaceTreeModel(() => fx.client, { groupBy: 'type' });
    const [workspace] = await model.getChildren();
    const groups = await model.getChildren(workspace);
    const group = groups.find((g): g is Extract<TreeNode, { kind: 'itemType' }> => g.kind === 'itemType' && g.itemType === FAKE);
    assert.ok(group, 'a FakeKind group');
    assert.deepEqual(
      (await model.getChildren(group)).map((n) => (n.kind === 'item' ? n.item.displayName : n.kind)),
      ['Thing 1'],
    );
    assert.deepEqual([itemTypeName(FAKE), itemTypeGroupName(FAKE), itemContextValue(FAKE)], ['Fake thing', 'Fake things', 'fabricWorkbench.item.fakekind']);

    // Opened: its folder, its main part first, which passes the save checks.
    assert.equal((await new WorkspaceItemIndex(() => fx.client).find(ws.id, 'Thing 1.FakeKind'))?.id, created.id);
    const files = decodeDefinition(await fx.client.getDefinition(ws.id, created.id));
    const main = mainPart(
      FAKE,
      files.map((f) => f.path),
    );
    assert.equal(main, 'fake.json');
    assert.deepEqual(await validatePart(main!, files.find((f) => f.path === main)!.content, FAKE), []);

    // Run: the declared parameters read from its definition, its request, the emulator's routing to its runner.
    const [job] = jobKinds(FAKE);
    assert.deepEqual(schedulableJobTypes(FAKE), ['FakeRun']);
    const declared = await readDeclaredParameters(fx.client, ws.id, created, job!.id);
    assert.deepEqual(declared, [{ name: 'steps', type: 'Integer', defaultValue: '3' }]);
    const submission = await submitRun(fx.client, ws.id, created.id, { kind: job!.id, parameters: [{ name: 'steps', type: 'Integer', value: 5 }] });
    const instance = await until(
      () => fx.client.getJobInstance(ws.id, created.id, submission.jobInstanceId),
      (i) => (TERMINAL_JOB_STATUSES as readonly string[]).includes(i.status),
    );
    assert.equal(instance.status, 'Completed');
    assert.equal(instance.jobType, 'FakeRun');
    assert.equal(instance.exitValue, 'FakeRun steps=5');
  });
});

/** Reads until `done` holds (the job's end), each read answered before the next is sent. */
async function until(read: () => Promise<ItemJobInstance>, done: (value: ItemJobInstance) => boolean): Promise<ItemJobInstance> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
