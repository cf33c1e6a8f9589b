// The run commands' part of package.json, as the registry implies it: a command per job, and its
// menu entries on the item's tree node (inline and in the context menu) and in the editor title
// of the item's files. test/unit/contributions/itemKindManifest.test.ts holds package.json to it.
import { PINNED_SUFFIX, itemContextValue, itemKinds, runnableItemTypes } from './registry';

const IN_WORKSPACES = 'view == fabricWorkbench.workspaces';

export interface CommandContribution {
  command: string;
  title: string;
  category: 'Fabric';
  icon: string;
}

export interface MenuContribution {
  command: string;
  when: string;
  group: string;
}

export function runCommandContributions(): CommandContribution[] {
  return itemKinds().flatMap((k) => k.jobs.map((j) => ({ command: j.command, title: j.title, category: 'Fabric' as const, icon: `$(${j.icon})` })));
}

/** The menu entries of the run commands, per menu. */
export function runMenuContributions(): Record<'view/item/context' | 'editor/title', MenuContribution[]> {
  const tree: MenuContribution[] = [];
  const editor: MenuContribution[] = [];
  for (const kind of itemKinds()) {
    // Pinned or not (itemContextValue's suffix).
    const when = `${IN_WORKSPACES} && viewItem =~ /^${pattern(itemContextValue(kind.type))}(${pattern(PINNED_SUFFIX)})?$/`;
    kind.jobs.forEach((job, index) => {
      if (job.inline) tree.push({ command: job.command, when, group: 'inline' });
      tree.push({ command: job.command, when, group: `1_run@${index + 1}` });
      if (job.editorTitle)
        editor.push({ command: job.command, when: `resourceScheme == fabricwb && resourcePath =~ /\\.${kind.type}\\//`, group: 'navigation' });
    });
  }
  return { 'view/item/context': tree, 'editor/title': editor };
}

/**
 * Show Runs on every runnable item, and Pin to Jobs View or Unpin from Jobs View, whichever
 * applies, in the Workspaces view's item context menu.
 */
export function runsMenuContributions(): MenuContribution[] {
  const runnable = `${pattern('fabricWorkbench.item.')}(${runnableItemTypes()
    .map((t) => t.toLowerCase())
    .join('|')})`;
  const pinned = pattern(PINNED_SUFFIX);
  return [
    { command: 'fabricWorkbench.showRuns', when: `${IN_WORKSPACES} && viewItem =~ /^${runnable}(${pinned})?$/`, group: '1_run@9' },
    { command: 'fabricWorkbench.pinToJobs', when: `${IN_WORKSPACES} && viewItem =~ /^${runnable}$/`, group: '1_run@10' },
    { command: 'fabricWorkbench.unpinFromJobs', when: `${IN_WORKSPACES} && viewItem =~ /^${runnable}${pinned}$/`, group: '1_run@11' },
  ];
}

/** `text` matched literally in a when clause's regular expression. */
function pattern(text: string): string {
  return text.replace(/\./g, '\\.');
}
