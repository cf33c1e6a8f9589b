// package.json's run commands, their menus, the item context values its menus match and the run
// file schema's types and jobs are what the item-kind registry says: a new runnable kind that is
// not in the manifest (or a manifest entry no kind backs) fails here, with the entries to write.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { itemContextValue, itemKind, jobKinds, runCommandContributions, runMenuContributions, runnableItemTypes } from '../../../src/fabric/itemKinds';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface MenuEntry {
  command?: string;
  when?: string;
  group?: string;
}

describe('package.json and the item-kind registry', () => {
  const contributes = read('package.json').contributes as { commands: { command: string }[]; menus: Record<string, MenuEntry[]> };
  const runCommands = new Set(jobKinds().map((j) => j.command));

  it('contributes one run command per job kind, titled and iconed as the registry says', () => {
    const contributed = contributes.commands.filter((c) => runCommands.has(c.command));
    assert.deepEqual(contributed, runCommandContributions(), `write these commands:\n${JSON.stringify(runCommandContributions(), null, 2)}`);
  });

  for (const menu of ['view/item/context', 'editor/title'] as const) {
    it(`shows the run commands in ${menu} where the registry says`, () => {
      const entries = contributes.menus[menu]!.filter((e) => e.command && runCommands.has(e.command));
      assert.deepEqual(entries, runMenuContributions()[menu], `write these ${menu} entries:\n${JSON.stringify(runMenuContributions()[menu], null, 2)}`);
    });
  }

  it('matches only item context values of registered kinds, as the tree sets them', () => {
    const values = Object.values(contributes.menus)
      .flat()
      .flatMap((e) => [...(e.when ?? '').matchAll(/viewItem == (fabricWorkbench\.item\.\w+)/g)].map((m) => m[1]!));
    assert.ok(values.length > 0);
    for (const value of new Set(values)) {
      const type = value.slice('fabricWorkbench.item.'.length);
      assert.equal(itemContextValue(itemKind(type)?.type ?? '?'), value, `${value} names no registered item kind`);
    }
  });

  it('lets .vscode/fabric-runs.json name the runnable types and their jobs', () => {
    const run = read('schemas/fabric-runs.schema.json').definitions.run.properties;
    assert.deepEqual(run.type.enum, runnableItemTypes());
    assert.deepEqual(run.job.enum, [...new Set(jobKinds().map((j) => j.jobType))]);
  });
});
