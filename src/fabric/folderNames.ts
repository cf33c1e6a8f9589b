// Fabric's folder name requirements (Learn's "Create folders in workspaces", which the platform
// swagger's Folders_* operations link to), shared by the emulator that enforces them and the
// extension that checks a name as it is typed.

export const MAX_FOLDER_NAME_LENGTH = 255;
// C0 and C1 control codes, and ~"#.&*:<>?/\{|}.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f~"#.&*:<>?/\\{|}]/;
const RESERVED = ['$recycle.bin', 'recycled', 'recycler'];

export type FolderNameProblem = 'empty' | 'tooLong' | 'spaces' | 'characters' | 'reserved';

/** Why Fabric would refuse the name, or undefined when it takes it. */
export function folderNameProblem(name: string): FolderNameProblem | undefined {
  if (!name) return 'empty';
  if (name.length > MAX_FOLDER_NAME_LENGTH) return 'tooLong';
  if (name.trim() !== name) return 'spaces';
  if (FORBIDDEN.test(name)) return 'characters';
  if (RESERVED.includes(name.toLowerCase())) return 'reserved';
  return undefined;
}
