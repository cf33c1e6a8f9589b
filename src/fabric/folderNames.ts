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

const PROBLEMS: Record<FolderNameProblem, string> = {
  empty: 'is empty',
  tooLong: `is longer than ${MAX_FOLDER_NAME_LENGTH} characters`,
  spaces: 'starts or ends with a space',
  characters: 'contains a control character or one of ~"#.&*:<>?/\\{|}',
  reserved: 'is a name the system reserves',
};

/** The problem in words, to follow the name: "'a.b' contains a control character or …". */
export function describeFolderNameProblem(problem: FolderNameProblem): string {
  return PROBLEMS[problem];
}
