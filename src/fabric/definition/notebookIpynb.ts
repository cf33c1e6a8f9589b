// notebook-content.ipynb (getDefinition?format=ipynb). Outputs are never uploaded: code cells are
// written with `"outputs": []` and `"execution_count": null`. Everything else (notebook metadata,
// nbformat fields, cell ids, key order, indentation) is kept so an unchanged notebook round trips.
import { createHash } from 'node:crypto';
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import type { FabricNotebook, NotebookCell } from './notebook';

export const NOTEBOOK_IPYNB = 'notebook-content.ipynb';
const PARAMETERS_TAG = 'parameters';

type Json = Record<string, unknown>;

export function parseIpynb(text: string, path = NOTEBOOK_IPYNB): FabricNotebook {
  const json = parseJsonText(text, path);
  if (!isObject(json) || !Array.isArray(json.cells)) {
    throw new DefinitionError(path, 'A notebook must be a JSON object with a "cells" array.', 1, 1);
  }
  const cells = json.cells.map((cell, i) => readCell(cell, i, path));
  return {
    metadata: isObject(json.metadata) ? json.metadata : {},
    cells,
    ipynbFile: {
      envelope: { ...json, cells: [] },
      indent: /\n( +)\S/.exec(text)?.[1].length ?? 1,
      finalNewline: text.endsWith('\n'),
    },
  };
}

export function writeIpynb(notebook: FabricNotebook): string {
  const layout = notebook.ipynbFile ?? { envelope: { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }, indent: 1, finalNewline: true };
  const withIds = Number(layout.envelope.nbformat) > 4 || (Number(layout.envelope.nbformat) === 4 && Number(layout.envelope.nbformat_minor) >= 5);
  const json = { ...layout.envelope, metadata: notebook.metadata, cells: notebook.cells.map((cell, index) => writeCell(cell, index, withIds)) };
  return `${JSON.stringify(json, null, layout.indent)}${layout.finalNewline ? '\n' : ''}`;
}

function readCell(value: unknown, index: number, path: string): NotebookCell {
  if (!isObject(value)) throw new DefinitionError(path, `Cell ${index + 1} is not a JSON object.`);
  const type = value.cell_type;
  if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
    throw new DefinitionError(path, `Cell ${index + 1} has cell_type ${JSON.stringify(type)}; expected "code", "markdown" or "raw".`);
  }
  const source = value.source;
  if (typeof source !== 'string' && !(Array.isArray(source) && source.every((line) => typeof line === 'string'))) {
    throw new DefinitionError(path, `Cell ${index + 1}'s "source" must be a string or an array of strings.`);
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  return {
    kind: type === 'code' ? 'code' : 'markdown',
    source: typeof source === 'string' ? source : source.join(''),
    // Run parameters go after a code cell: on a text cell the tag is just a tag, kept as it is.
    isParameters: type === 'code' && Array.isArray(metadata.tags) && metadata.tags.includes(PARAMETERS_TAG),
    metadata,
    ipynbCell: value,
  };
}

/**
 * A new cell's id: derived from its place and content, so that converting the same notebook twice
 * gives the same bytes (an editor's conflict check compares them).
 */
function cellId(cell: NotebookCell, index: number): string {
  return createHash('sha256').update(`${index}\u0000${cell.kind}\u0000${cell.source}`).digest('hex').slice(0, 8);
}

function writeCell(cell: NotebookCell, index: number, withIds: boolean): Json {
  const original = cell.ipynbCell;
  // A raw cell reads as markdown; it stays raw while it is still a text cell.
  const type = cell.kind === 'code' ? 'code' : original?.cell_type === 'raw' ? 'raw' : 'markdown';
  // New cells get nbformat's (sorted) key order.
  const json: Json = original
    ? { ...original }
    : { cell_type: type, execution_count: null, ...(withIds ? { id: cellId(cell, index) } : {}), metadata: {}, outputs: [], source: [] };
  json.cell_type = type;
  json.metadata = type === 'code' ? withParametersTag(cell.metadata, cell.isParameters) : cell.metadata;
  json.source = typeof original?.source === 'string' ? cell.source : sourceLines(cell.source);
  if (type === 'code') {
    json.outputs = [];
    json.execution_count = null;
  } else {
    delete json.outputs;
    delete json.execution_count;
  }
  return json;
}

/** Jupyter's multiline string: one entry per line, each keeping its newline. */
function sourceLines(source: string): string[] {
  return source === '' ? [] : source.split(/(?<=\n)/);
}

function withParametersTag(metadata: Json, isParameters: boolean): Json {
  const tags = Array.isArray(metadata.tags) ? (metadata.tags as unknown[]) : [];
  if (tags.includes(PARAMETERS_TAG) === isParameters) return metadata;
  if (isParameters) return { ...metadata, tags: [...tags, PARAMETERS_TAG] };
  const rest = { ...metadata };
  delete rest.tags;
  const remaining = tags.filter((tag) => tag !== PARAMETERS_TAG);
  return remaining.length > 0 ? { ...rest, tags: remaining } : rest;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
