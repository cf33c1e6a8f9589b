// The run commands' part of package.json, as the registry implies it: a command per job, and its
// menu entries on the item's tree node (inline and in the context menu) and in the editor title
// of the item's files. test/unit/contributions/itemKindManifest.test.ts holds package.json to it.
import { itemContextValue, itemKinds } from './registry';

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
    const when = `view == fabricWorkbench.workspaces && viewItem == ${itemContextValue(kind.type)}`;
    kind.jobs.forEach((job, index) => {
      if (job.inline) tree.push({ command: job.command, when, group: 'inline' });
      tree.push({ command: job.command, when, group: `1_run@${index + 1}` });
      if (job.editorTitle)
        editor.push({ command: job.command, when: `resourceScheme == fabricwb && resourcePath =~ /\\.${kind.type}\\//`, group: 'navigation' });
    });
  }
  return { 'view/item/context': tree, 'editor/title': editor };
}
