// package.json's run commands, their menus, the item context values its menus match and the run
// file schema's types and jobs are what the item-kind registry says: a new runnable kind that is
// not in the manifest (or a manifest entry no kind backs) fails here, with the entries to write.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  itemContextValue,
  itemKind,
  jobKinds,
  runCommandContributions,
  runMenuContributions,
  runnableItemTypes,
  runsMenuContributions,
} from '../../../src/fabric/itemKinds';

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

  it('shows Show Runs on every runnable item, and Pin or Unpin as the item is pinned or not', () => {
    const runsCommands = new Set(runsMenuContributions().map((e) => e.command));
    const entries = contributes.menus['view/item/context']!.filter((e) => e.command && runsCommands.has(e.command));
    assert.deepEqual(entries, runsMenuContributions(), `write these view/item/context entries:\n${JSON.stringify(runsMenuContributions(), null, 2)}`);
    const offered = (contextValue: string) =>
      entries.filter((e) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(e.when!)![1]!).test(contextValue)).map((e) => e.command.replace('fabricWorkbench.', ''));
    for (const type of runnableItemTypes()) {
      assert.deepEqual(offered(itemContextValue(type)), ['showRuns', 'pinToJobs'], type);
      assert.deepEqual(offered(itemContextValue(type, true)), ['showRuns', 'unpinFromJobs'], `${type}, pinned`);
    }
    assert.deepEqual(offered(itemContextValue('Report')), [], 'a kind that runs nothing');
  });

  it('matches only item context values of registered kinds, as the tree sets them', () => {
    // `viewItem == fabricWorkbench.item.notebook` or `viewItem =~ /^fabricWorkbench\.item\.(notebook|…)…/`
    const types = Object.values(contributes.menus)
      .flat()
      .flatMap((e) => [...(e.when ?? '').matchAll(/viewItem (?:== |=~ \/\^)fabricWorkbench\\?\.item\\?\.\(?([\w|]+)/g)].flatMap((m) => m[1]!.split('|')));
    assert.ok(types.length > 0);
    for (const type of new Set(types)) assert.ok(itemKind(type), `fabricWorkbench.item.${type} names no registered item kind`);
  });

  it('lets .vscode/fabric-runs.json name the runnable types and their jobs', () => {
    const run = read('schemas/fabric-runs.schema.json').definitions.run.properties;
    assert.deepEqual(run.type.enum, runnableItemTypes());
    assert.deepEqual(run.job.enum, [...new Set(jobKinds().map((j) => j.jobType))]);
  });
});
