// Fabric Git integration names an item's folder `<DisplayName>.<Type>`, e.g. `Sales report.Notebook`.
// Display names may contain dots, types never do, so the type is what follows the last dot.

export function itemFolderName(displayName: string, type: string): string {
  return `${displayName}.${type}`;
}

// Characters no directory name can hold on every system Git checks out on: control characters and \/:*?"<>|.
// eslint-disable-next-line no-control-regex
const NOT_IN_DIRECTORY_NAME = /[\u0000-\u001f\u007f\\/:*?"<>|]/gu;
const htmlNumber = (character: string): string => `&#${character.codePointAt(0)};`;

/**
 * The item's directory in a Git repository connected to its workspace, by Learn's "Git integration
 * source code format": `<display name>.<type>`, with invalid characters, a leading space and a
 * trailing space or dot as their HTML numbers (`a/b` → `a&#47;b`). Git reads the name back from
 * `.platform`, never from the directory.
 */
export function gitItemFolderName(displayName: string, type: string): string {
  const name = displayName.replace(NOT_IN_DIRECTORY_NAME, htmlNumber).replace(/^ /, htmlNumber).replace(/[ .]$/, htmlNumber);
  return itemFolderName(name, type);
}

export function parseItemFolderName(name: string): { displayName: string; type: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const type = name.slice(dot + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(type)) return undefined;
  return { displayName: name.slice(0, dot), type };
}
