// A bare Git repository in the emulator's data folder, standing for the remote a workspace is
// connected to (Azure DevOps or GitHub): real objects and refs written with isomorphic-git, so
// `git clone`, `git log` and `git push` work on it as on any repository. Only whole snapshots
// are read and written: a commit's files under a folder as path → bytes, and a new commit from
// its parent's files with some paths replaced or removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as git from 'isomorphic-git';

/** A file's new content, or null to remove it. */
export type FileChanges = ReadonlyMap<string, Uint8Array | null>;

export interface CommitAuthor {
  name: string;
  email: string;
}

export interface LoggedCommit {
  oid: string;
  message: string;
  parents: string[];
  author: CommitAuthor;
}

const BLOB_MODE = '100644';
const TREE_MODE = '040000';

interface Entry {
  oid: string;
  mode: string;
}

export class GitRepository {
  private constructor(readonly gitdir: string) {}

  /** Opens the bare repository at `gitdir`, creating it when it does not exist. */
  static async open(gitdir: string): Promise<GitRepository> {
    if (!fs.existsSync(path.join(gitdir, 'HEAD'))) await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
    return new GitRepository(gitdir);
  }

  /** The branch's head commit; undefined while the branch does not exist. */
  async head(branch: string): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref: `refs/heads/${branch}` });
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /** The commit's files under `folder` ('' for the root), by path relative to it; none for no commit. */
  async files(commit: string | undefined, folder: string): Promise<Map<string, Uint8Array>> {
    const files = new Map<string, Uint8Array>();
    if (!commit) return files;
    const entries = await this.flatTree(commit);
    const prefix = folder ? `${folder}/` : '';
    for (const [file, entry] of entries) {
      if (!file.startsWith(prefix)) continue;
      const { blob } = await git.readBlob({ fs, gitdir: this.gitdir, oid: entry.oid });
      files.set(file.slice(prefix.length), blob);
    }
    return files;
  }

  /**
   * Commits `changes` (paths relative to `folder`) on top of `parent` (none: a first commit) and
   * moves the branch to it. Returns the new commit's hash.
   */
  async commit(branch: string, parent: string | undefined, folder: string, changes: FileChanges, message: string, author: CommitAuthor): Promise<string> {
    const entries = parent ? await this.flatTree(parent) : new Map<string, Entry>();
    for (const [file, content] of changes) {
      const full = folder ? `${folder}/${file}` : file;
      if (content === null) entries.delete(full);
      else entries.set(full, { oid: await git.writeBlob({ fs, gitdir: this.gitdir, blob: content }), mode: BLOB_MODE });
    }
    const tree = await this.writeTree(entries, '');
    const signature = { ...author, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: 0 };
    const oid = await git.writeCommit({
      fs,
      gitdir: this.gitdir,
      commit: { message: message.endsWith('\n') ? message : `${message}\n`, tree, parent: parent ? [parent] : [], author: signature, committer: signature },
    });
    await git.writeRef({ fs, gitdir: this.gitdir, ref: `refs/heads/${branch}`, value: oid, force: true });
    return oid;
  }

  /** The branch's commits, newest first. */
  async log(branch: string, depth?: number): Promise<LoggedCommit[]> {
    if (!(await this.head(branch))) return [];
    const commits = await git.log({ fs, gitdir: this.gitdir, ref: `refs/heads/${branch}`, depth });
    return commits.map(({ oid, commit }) => ({
      oid,
      message: commit.message,
      parents: commit.parent,
      author: { name: commit.author.name, email: commit.author.email },
    }));
  }

  /** Every blob of the commit's tree, by full path. */
  private async flatTree(commit: string): Promise<Map<string, Entry>> {
    const entries = new Map<string, Entry>();
    const walk = async (oid: string, prefix: string): Promise<void> => {
      const { tree } = await git.readTree({ fs, gitdir: this.gitdir, oid });
      for (const entry of tree) {
        const full = `${prefix}${entry.path}`;
        if (entry.type === 'tree') await walk(entry.oid, `${full}/`);
        else if (entry.type === 'blob') entries.set(full, { oid: entry.oid, mode: entry.mode });
      }
    };
    const { commit: read } = await git.readCommit({ fs, gitdir: this.gitdir, oid: commit });
    await walk(read.tree, '');
    return entries;
  }

  /** Writes the trees of the blobs under `prefix`, innermost first; returns the tree of `prefix`. */
  private async writeTree(entries: ReadonlyMap<string, Entry>, prefix: string): Promise<string> {
    const children = new Map<string, Entry | 'tree'>();
    for (const [file, entry] of entries) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      children.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? entry : 'tree');
    }
    const tree: git.TreeEntry[] = [];
    for (const [name, child] of children) {
      if (child === 'tree') tree.push({ path: name, mode: TREE_MODE, type: 'tree', oid: await this.writeTree(entries, `${prefix}${name}/`) });
      else tree.push({ path: name, mode: child.mode, type: 'blob', oid: child.oid });
    }
    return git.writeTree({ fs, gitdir: this.gitdir, tree });
  }
}
