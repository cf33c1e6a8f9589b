// Prepares a `.ipynb` saved by VS Code's notebook editor for Fabric, at the JSON level so every
// notebook and cell metadata field VS Code kept survives untouched: outputs are stripped (they are
// not uploaded), and a code cell added in VS Code gets the `microsoft.language` and
// `language_group` Fabric needs to run it in a pipeline.

type Json = Record<string, unknown>;

/** VS Code language ids to Fabric cell languages. */
const FABRIC_LANGUAGES: Record<string, string> = {
  python: 'python',
  sql: 'sparksql',
  sparksql: 'sparksql',
  scala: 'scala',
  r: 'r',
  csharp: 'csharp',
};

export function prepareIpynbForFabric(text: string): string {
  const notebook = JSON.parse(text) as Json;
  const cells = Array.isArray(notebook.cells) ? (notebook.cells as Json[]) : [];
  const defaults = fabricDefaults(notebook, cells);
  for (const cell of cells) {
    if (cell.cell_type !== 'code') continue;
    cell.outputs = [];
    cell.execution_count = null;
    const metadata = asObject(cell.metadata);
    // A cell that came from Fabric keeps its metadata as it is, in either place Fabric puts it.
    if (cellLanguageGroup(metadata)) continue;
    const microsoft = asObject(metadata.microsoft);
    if (typeof microsoft.language !== 'string') {
      const vscodeLanguage = asObject(metadata.vscode).languageId;
      microsoft.language = (typeof vscodeLanguage === 'string' && FABRIC_LANGUAGES[vscodeLanguage]) || defaults.language;
    }
    if (typeof microsoft.language_group !== 'string') microsoft.language_group = defaults.languageGroup;
    metadata.microsoft = microsoft;
    cell.metadata = metadata;
  }
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** The notebook's language and language group: from its own metadata, else from its cells. */
function fabricDefaults(notebook: Json, cells: Json[]): { language: string; languageGroup: string } {
  const metadata = asObject(notebook.metadata);
  const fromCell = cells.map((c) => ({ language_group: cellLanguageGroup(asObject(c.metadata)) })).find((m) => m.language_group);
  const notebookMicrosoft = asObject(metadata.microsoft);
  const language = stringOr(notebookMicrosoft.language, stringOr(asObject(metadata.language_info).name, 'python'));
  const languageGroup = stringOr(
    notebookMicrosoft.language_group,
    stringOr(fromCell?.language_group, stringOr(asObject(metadata.kernel_info).name, 'synapse_pyspark')),
  );
  return { language: FABRIC_LANGUAGES[language] ?? language, languageGroup };
}

/** A cell's Fabric language group: under `microsoft` (ipynb) or at the top (converted from the Git source format). */
function cellLanguageGroup(metadata: Json): string | undefined {
  const group = asObject(metadata.microsoft).language_group ?? metadata.language_group;
  return typeof group === 'string' && group ? group : undefined;
}

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}
