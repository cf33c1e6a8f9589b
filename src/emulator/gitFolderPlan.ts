// The workspace folders an update from Git puts items in. Learn ("Basic concepts in Git
// integration", Folders): "items in Git folders are imported to folders with the same name in the
// workspace", and the structure is kept up to ten levels deep. So each directory above an item
// directory is a folder: one of that name among its siblings is reused (ignoring case, as Fabric
// compares folder names), a missing one is created, parents first. Learn: "Empty folders in the
// workspace aren't deleted automatically even if all items are moved to different folders", so a
// folder the update leaves empty stays. Learn does not say what becomes of a directory whose name
// no folder can have (`v1.0`) or that is too deep: the update fails naming it, and changes nothing.
import { randomUUID } from 'node:crypto';
import { describeFolderNameProblem, folderNameProblem } from '../fabric/folderNames';
import type { Folder } from '../fabric/types';
import { badRequest } from './apiError';
import type { EmulatorContext } from './context';
import { childFolders, MAX_FOLDER_DEPTH } from './folders';
import { folderNamesOf, type GitItem } from './gitLayout';

export class GitFolderPlan {
  /** The folders to create, parents first. */
  private readonly missing: Folder[] = [];

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly workspaceId: string,
  ) {}

  /** The folder the item from Git goes to (undefined: the workspace's root), checked, planned when missing. */
  folderFor(remote: GitItem): Folder | undefined {
    const names = folderNamesOf(remote);
    if (names.length > MAX_FOLDER_DEPTH)
      throw badRequest(
        'FolderDepthOutOfRange',
        `${remote.folder} in Git is ${names.length} directories deep, and workspace folders nest at most ${MAX_FOLDER_DEPTH} levels: move it higher up in Git, then update again.`,
      );
    let parent: Folder | undefined;
    for (const name of names) {
      const problem = folderNameProblem(name);
      if (problem)
        throw badRequest(
          'InvalidFolderDisplayName',
          `The directory '${name}' of ${remote.folder} in Git can't be a workspace folder: its name ${describeFolderNameProblem(problem)}. Rename it in Git, then update again.`,
        );
      parent = this.child(parent, name) ?? this.plan(parent, name);
    }
    return parent;
  }

  /** Creates the missing folders. */
  create(): void {
    for (const folder of this.missing) this.ctx.store.putFolder(folder);
  }

  private child(parent: Folder | undefined, name: string): Folder | undefined {
    const key = name.toLowerCase();
    const siblings = [...childFolders(this.ctx, this.workspaceId, parent?.id), ...this.missing.filter((f) => f.parentFolderId === parent?.id)];
    return siblings.find((f) => f.displayName.toLowerCase() === key);
  }

  private plan(parent: Folder | undefined, name: string): Folder {
    const folder: Folder = { id: randomUUID(), displayName: name, workspaceId: this.workspaceId, ...(parent ? { parentFolderId: parent.id } : {}) };
    this.missing.push(folder);
    return folder;
  }
}
