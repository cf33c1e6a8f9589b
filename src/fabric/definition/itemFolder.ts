// Fabric Git integration names an item's folder `<DisplayName>.<Type>`, e.g. `Sales report.Notebook`.
// Display names may contain dots, types never do, so the type is what follows the last dot.

export function itemFolderName(displayName: string, type: string): string {
  return `${displayName}.${type}`;
}

export function parseItemFolderName(name: string): { displayName: string; type: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const type = name.slice(dot + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(type)) return undefined;
  return { displayName: name.slice(0, dot), type };
}
