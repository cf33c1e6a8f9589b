// Fabric folders as directories, for export and import. An item in the Fabric folder `Sales/Bronze`
// lives in `<chosen folder>/Sales/Bronze/<DisplayName>.<Type>/`: the layout of Fabric's Git
// integration and of bulkExportDefinitions' `rootPath`, and the one fabric-cicd deploys from (any
// directory that is not an item folder and holds item folders below it is a folder).
// A folder name from Fabric is untrusted text, like an item's name: before it becomes a directory it
// must be one safe name (localPaths) that an import reads back as the same folder. A directory name
// from disk is checked against Fabric's folder name rules before any folder is created.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseItemFolderName } from '../fabric/definition';
import { describeError } from '../fabric/errors';
import { describeFolderNameProblem, folderNameProblem } from '../fabric/folderNames';
import type { Folder } from '../fabric/types';
import type { CallOptions, ExplorerClient } from './explorerClient';
import { folderNamePaths } from './folderLayout';
import { nameProblem } from './localPaths';

/** Every folder of a workspace (all pages, every level). */
export async function listWorkspaceFolders(client: ExplorerClient, workspaceId: string, call: CallOptions = {}): Promise<Folder[]> {
  const folders: Folder[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await client.listFoldersPage(workspaceId, { continuationToken }, call);
    folders.push(...page.value);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return folders;
}

/** Each folder's path from the workspace's root, as names, by folder id. */
export async function workspaceFolderPaths(client: ExplorerClient, workspaceId: string, call: CallOptions = {}): Promise<Map<string, string[]>> {
  return folderNamePaths(await listWorkspaceFolders(client, workspaceId, call));
}

/**
 * Why a Fabric folder's name cannot be a directory of an export, or undefined when it can: it must
 * be a safe file name, and read back by an import as a folder (Fabric's own rules: no dot, so it
 * never looks like a `<Name>.<Type>` item folder or a hidden directory).
 */
export function folderDirectoryProblem(name: string): string | undefined {
  const unsafe = nameProblem(name);
  if (unsafe) return `"${name}" is not a safe folder name: ${unsafe}`;
  const invalid = folderNameProblem(name);
  return invalid && `"${name}" is not a Fabric folder name: it ${describeFolderNameProblem(invalid)}`;
}

/** A local `<DisplayName>.<Type>` folder to import, and where in the workspace it goes. */
export interface LocalItemFolder {
  /** The item folder on disk. */
  path: string;
  /**
   * Its Fabric folder, as names from the workspace's root (`[]`: the root). Undefined for an item
   * folder chosen on its own: a new item goes to the root, an existing one stays where it is.
   */
  fabricFolder?: string[];
}

/**
 * The item folders a chosen folder stands for: itself when it is one (`<Name>.<Type>`); otherwise it
 * stands for the workspace's root and every item folder below it goes to the Fabric folder its
 * directories name. Hidden directories (`.git`) and links are passed over, and a directory only
 * becomes a folder when it holds an item folder, as fabric-cicd does.
 */
export async function findItemFolders(chosen: string): Promise<LocalItemFolder[]> {
  if (parseItemFolderName(path.basename(chosen))) return [{ path: chosen }];
  const found: LocalItemFolder[] = [];
  const walk = async (directory: string, fabricFolder: string[]): Promise<void> => {
    const entries = (await fs.readdir(directory, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = path.join(directory, entry.name);
      if (parseItemFolderName(entry.name)) found.push({ path: full, fabricFolder });
      else await walk(full, [...fabricFolder, entry.name]);
    }
  };
  await walk(chosen, []);
  return found;
}

/** The outcome of making sure folders exist: each path's folder id, or why it is not there. */
export interface EnsuredFolders {
  /** By path (`Sales/Bronze`): the folder's id. */
  ids: Map<string, string>;
  /** By path: why the folder (or one above it) could not be created. */
  failed: Map<string, string>;
  /** The paths of the folders created, parents first. */
  created: string[];
}

/**
 * Makes sure each path's folders exist, parents first (`listed`: the workspace's folders as
 * listed): a folder of that name among its siblings
 * is reused (Fabric compares them ignoring case), a missing one is created. A name Fabric would
 * refuse is refused here, and nothing below a folder that failed is attempted.
 */
export async function ensureFolders(
  client: ExplorerClient,
  workspaceId: string,
  listed: readonly Folder[],
  paths: readonly string[][],
  call: CallOptions = {},
): Promise<EnsuredFolders> {
  const result: EnsuredFolders = { ids: new Map(), failed: new Map(), created: [] };
  const wanted = new Map(paths.filter((p) => p.length).map((p) => [p.join('/'), p]));
  const existing = [...listed];
  /** The folder named `name` in `parentId`: exactly, else ignoring case. */
  const childNamed = (parentId: string | undefined, name: string) => {
    const siblings = existing.filter((f) => (f.parentFolderId ?? undefined) === parentId);
    return siblings.find((f) => f.displayName === name) ?? siblings.find((f) => f.displayName.toLowerCase() === name.toLowerCase());
  };
  for (const names of wanted.values()) {
    let parentId: string | undefined;
    for (let depth = 1; depth <= names.length; depth++) {
      const key = names.slice(0, depth).join('/');
      const failure = result.failed.get(key);
      if (failure) {
        result.failed.set(names.join('/'), failure);
        break;
      }
      let id = result.ids.get(key) ?? childNamed(parentId, names[depth - 1]!)?.id;
      if (!id) {
        const problem = folderNameProblem(names[depth - 1]!);
        try {
          if (problem) throw new Error(`"${names[depth - 1]}" is not a Fabric folder name: it ${describeFolderNameProblem(problem)}`);
          const folder = await client.createFolder(workspaceId, { displayName: names[depth - 1]!, ...(parentId ? { parentFolderId: parentId } : {}) }, call);
          existing.push(folder);
          result.created.push(key);
          id = folder.id;
        } catch (error) {
          if (call.signal?.aborted) throw error;
          const reason = `its folder "${key}" could not be created: ${describeError(error)}`;
          result.failed.set(key, reason);
          result.failed.set(names.join('/'), reason);
          break;
        }
      }
      result.ids.set(key, id);
      parentId = id;
    }
  }
  return result;
}
