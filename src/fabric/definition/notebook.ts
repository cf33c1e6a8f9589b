// The notebook model both file formats (notebook-content.py and .ipynb) read into. Each format can
// also leave what it alone needs to write an unchanged notebook back byte for byte (`pyFile`,
// `pyBlock`, `ipynbFile`, `ipynbCell`); writers use those only while the content they describe is
// unchanged, so a notebook edited in VS Code is written in Fabric's own layout.

export type NotebookCellKind = 'code' | 'markdown';

export interface NotebookCell {
  kind: NotebookCellKind;
  source: string;
  /** The cell Fabric injects run parameters after. */
  isParameters: boolean;
  /** Fabric's cell metadata: `language` and `language_group` in the .py format, `microsoft.*` and `tags` in .ipynb. */
  metadata: Record<string, unknown>;
  /** How the cell was written in the notebook-content.py it was read from. */
  pyBlock?: PyCellBlock;
  /** The cell's JSON object as read from an .ipynb (keys such as `id` and `attachments` survive). */
  ipynbCell?: Record<string, unknown>;
}

export interface FabricNotebook {
  /** Notebook metadata: `kernel_info`, `dependencies`, … (in .ipynb, the whole `metadata` object). */
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
  pyFile?: PyFileLayout;
  ipynbFile?: IpynbFileLayout;
}

/** A notebook-content.py cell's lines (marker through its METADATA section) and what they held. */
export interface PyCellBlock {
  lines: string[];
  kind: NotebookCellKind;
  isParameters: boolean;
  source: string;
  /** JSON.stringify of the metadata the lines held. */
  metadataJson: string;
}

export interface PyFileLayout {
  /** `#` in .py and .r, `--` in .sql, `//` in .scala. */
  commentPrefix: string;
  eol: '\n' | '\r\n';
  byteOrderMark: boolean;
  /** The lines before the first section marker (`# Fabric notebook source`, then usually a blank line). */
  header: string[];
  /** The notebook METADATA section's lines, and JSON.stringify of the metadata they held. */
  metadataLines: string[];
  metadataJson: string;
}

export interface IpynbFileLayout {
  /** The top-level object without `cells` (nbformat, nbformat_minor, metadata, …), keys in file order. */
  envelope: Record<string, unknown>;
  /** JSON indentation (Jupyter writes 1 space). */
  indent: number;
  finalNewline: boolean;
}

/** The language a new code cell needs to run in Fabric like the notebook's other cells. */
export function defaultCellLanguage(notebook: FabricNotebook): { language: string; language_group: string } {
  const fromCell = notebook.cells.map(cellLanguage).find((language) => language !== undefined);
  if (fromCell) return fromCell;
  const kernel = stringAt(notebook.metadata, 'kernel_info', 'name') ?? stringAt(notebook.metadata, 'kernelspec', 'name') ?? 'synapse_pyspark';
  return { language: languageOfKernel(kernel), language_group: kernel };
}

/**
 * The metadata a code cell added in VS Code needs so it still runs in Fabric (and in a pipeline):
 * `{ language, language_group }` in notebook-content.py, `{ microsoft: { language, language_group } }` in .ipynb.
 */
export function defaultCodeCellMetadata(notebook: FabricNotebook, format: 'py' | 'ipynb' = 'py'): Record<string, unknown> {
  const language = defaultCellLanguage(notebook);
  return format === 'py' ? { ...language } : { microsoft: { ...language } };
}

/** The `language`/`language_group` of a cell, from either format's metadata. */
export function cellLanguage(cell: NotebookCell): { language: string; language_group: string } | undefined {
  if (cell.kind !== 'code') return undefined;
  for (const holder of [cell.metadata, cell.metadata.microsoft]) {
    const language = stringAt(holder, 'language');
    const group = stringAt(holder, 'language_group');
    if (language && group) return { language, language_group: group };
  }
  return undefined;
}

/** Fabric's kernels run Python cells by default, except the T-SQL warehouse kernel. */
function languageOfKernel(kernel: string): string {
  return kernel === 'sqldatawarehouse' ? 'sql' : 'python';
}

function stringAt(value: unknown, ...keys: string[]): string | undefined {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
}
