// Every contributed command, and every menu VS Code shows it in, has a test that runs it as that
// menu does. The list is derived from package.json; a test names what it covers in its title:
// `[<command>]` for the command itself, `[<command> @ <menu>]` for a menu (view/title,
// view/item/context, explorer/context, editor/title, notebook/toolbar, scm/title,
// scm/resourceState/context, commandPalette), and the test's body runs `executeCommand('<command>'…)`.
// The vscode tier (test/vscode/suite) and the e2e tier (test/e2e, clicks and keystrokes: the title
// tag is enough) are scanned.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const MENUS = ['view/title', 'view/item/context', 'explorer/context', 'editor/title', 'notebook/toolbar', 'scm/title', 'scm/resourceState/context'];

interface MenuEntry {
  command?: string;
  when?: string;
}

interface Contributes {
  commands: { command: string }[];
  menus: Record<string, MenuEntry[]>;
}

/** `<command>` and `<command> @ <menu>` for every command and every menu that shows it. */
export function requiredTags(contributes: Contributes): string[] {
  const tags = new Set<string>();
  const palette = new Map((contributes.menus.commandPalette ?? []).map((e) => [e.command, e.when]));
  for (const { command } of contributes.commands) {
    tags.add(command);
    if (palette.get(command) !== 'false') tags.add(`${command} @ commandPalette`);
  }
  for (const menu of MENUS) for (const entry of contributes.menus[menu] ?? []) if (entry.command) tags.add(`${entry.command} @ ${menu}`);
  return [...tags].sort();
}

interface TestCase {
  file: string;
  title: string;
  body: string;
}

const TITLE = /\bit\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** The `it(...)` cases of a test source: the title and the text up to the next case. */
export function testCases(file: string, source: string): TestCase[] {
  const found = [...source.matchAll(TITLE)];
  return found.map((m, i) => ({ file, title: m[2]!.replace(/\\(.)/g, '$1'), body: source.slice(m.index!, found[i + 1]?.index ?? source.length) }));
}

/** The tags a case's title carries that its body really runs (e2e cases: the title is enough). */
export function coveredTags(test: TestCase, e2e: boolean): string[] {
  const tags = [...test.title.matchAll(/\[([\w.]+)(?:\s*@\s*([\w/]+))?\]/g)].map((m) => ({ command: m[1]!, menu: m[2] }));
  return tags
    .filter((t) => e2e || new RegExp(`executeCommand(?:<[^>]*>)?\\(\\s*'${t.command.replace(/\./g, '\\.')}'`).test(test.body))
    .flatMap((t) => (t.menu ? [t.command, `${t.command} @ ${t.menu}`] : [t.command]));
}

function scan(dir: string, e2e: boolean): Set<string> {
  const covered = new Set<string>();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    for (const test of testCases(name, fs.readFileSync(path.join(dir, name), 'utf8'))) for (const tag of coveredTags(test, e2e)) covered.add(tag);
  }
  return covered;
}

describe('Command coverage: every command and menu entry of package.json has a test naming it', () => {
  const contributes = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes as Contributes;

  it('derives the command and menu pairs VS Code can call', () => {
    const tags = requiredTags({
      commands: [{ command: 'a.shown' }, { command: 'a.hidden' }],
      menus: {
        commandPalette: [{ command: 'a.hidden', when: 'false' }],
        'view/title': [{ command: 'a.hidden', when: 'view == x' }],
        'editor/title': [{ command: 'a.shown' }],
      },
    });
    assert.deepEqual(tags, ['a.hidden', 'a.hidden @ view/title', 'a.shown', 'a.shown @ commandPalette', 'a.shown @ editor/title']);
  });

  it('counts a tag only when the test runs that command', () => {
    const source = [
      "it('[a.run @ view/title] runs', async () => { await vscode.commands.executeCommand<Job>('a.run', node); });",
      "it('[a.other @ view/title] only says so', async () => { await something('a.other'); });",
      "it('[a.quoted] isn\\'t confused by quotes', () => vscode.commands.executeCommand('a.quoted'));",
    ].join('\n');
    const tags = testCases('x.test.ts', source).flatMap((t) => coveredTags(t, false));
    assert.deepEqual(tags, ['a.run', 'a.run @ view/title', 'a.quoted']);
  });

  it('finds a test for each of them', () => {
    const covered = new Set([...scan(path.join(root, 'test/vscode/suite'), false), ...scan(path.join(root, 'test/e2e'), true)]);
    const missing = requiredTags(contributes).filter((tag) => !covered.has(tag));
    assert.deepEqual(missing, [], `no test runs these; add one titled "[<command> @ <menu>] …" that calls executeCommand with the menu's arguments`);
  });
});
