// notebook-content.py, Fabric's "fabricGitSource" notebook format (../shared/fabric-api.md):
//
//   # Fabric notebook source            header
//                                       (blank line between sections)
//   # METADATA ********************      notebook metadata: 2-space JSON, each line prefixed `# META `
//   # CELL ********************          code; `# PARAMETERS CELL …` for the parameters cell
//   # MARKDOWN ********************      each line prefixed `# `
//   # METADATA ********************      after a code cell: its language and language_group
//
// A section's body is a blank line, its lines, and a blank line before the next marker (the file
// ends with a newline). A cell's trailing newline shows as one more blank line. `# MAGIC` lines are
// code like any other. The .sql variant uses `--` instead of `#`. Lines an exporter wrote in some
// other way (no blank line, `#` alone in markdown, other JSON spacing) are kept in `pyBlock` /
// `pyFile` so an unchanged notebook is written back byte for byte.
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import type { FabricNotebook, NotebookCell, PyCellBlock, PyFileLayout } from './notebook';

export const NOTEBOOK_PY = 'notebook-content.py';
const HEADER = 'Fabric notebook source';
const STARS = '*'.repeat(20);
const COMMENT_PREFIXES = ['#', '--', '//'];

type SectionKind = 'CELL' | 'MARKDOWN' | 'PARAMETERS CELL' | 'METADATA';
const SECTION_KINDS: readonly SectionKind[] = ['CELL', 'MARKDOWN', 'PARAMETERS CELL', 'METADATA'];

interface Section {
  kind: SectionKind;
  /** Index of the marker line. */
  at: number;
  /** The lines after the marker, up to the next marker (the last section includes the text after the final newline). */
  body: string[];
}

/** Reads notebook-content.py (or .sql/.scala/.r: the prefix is taken from the header line). */
export function parseNotebookPy(text: string, path = NOTEBOOK_PY): FabricNotebook {
  const byteOrderMark = text.startsWith('\uFEFF');
  const body = byteOrderMark ? text.slice(1) : text;
  const eol = /\r\n/.test(body) && !/(^|[^\r])\n/.test(body) ? '\r\n' : '\n';
  const lines = (eol === '\r\n' ? body.replace(/\r\n/g, '\n') : body).split('\n');
  const prefix = COMMENT_PREFIXES.find((p) => lines[0] === `${p} ${HEADER}`);
  if (prefix === undefined) throw new DefinitionError(path, `The first line must be "# ${HEADER}".`, 1, 1);

  const sections = splitSections(lines, prefix, path);
  const headerEnd = sections.length > 0 ? sections[0].at : lines.length;
  const header = lines.slice(0, headerEnd);
  header.forEach((line, i) => {
    if (line.trim() !== '' && !line.startsWith(prefix)) {
      throw new DefinitionError(path, `Code before the first "${prefix} CELL ${STARS}" marker.`, i + 1, 1);
    }
  });

  const notebookMetadata = sections[0]?.kind === 'METADATA' ? sections.shift() : undefined;
  const metadata = notebookMetadata ? readMetadata(notebookMetadata, prefix, path) : {};
  const cells: NotebookCell[] = [];
  while (sections.length > 0) {
    const cellSection = sections.shift()!;
    if (cellSection.kind === 'METADATA') {
      throw new DefinitionError(path, `A METADATA section must follow a cell; is a "${prefix} CELL ${STARS}" marker missing?`, cellSection.at + 1, 1);
    }
    const metadataSection = sections[0]?.kind === 'METADATA' ? sections.shift() : undefined;
    cells.push(readCell(cellSection, metadataSection, prefix, path));
  }

  const pyFile: PyFileLayout = {
    commentPrefix: prefix,
    eol,
    byteOrderMark,
    header,
    metadataLines: notebookMetadata ? [markerLine(prefix, 'METADATA'), ...notebookMetadata.body] : [],
    metadataJson: JSON.stringify(metadata),
  };
  return { metadata, cells, pyFile };
}

/** Writes notebook-content.py; `commentPrefix` defaults to the one the notebook was read with, else `#`. */
export function writeNotebookPy(notebook: FabricNotebook, commentPrefix?: string): string {
  const layout = notebook.pyFile;
  const prefix = commentPrefix ?? layout?.commentPrefix ?? '#';
  const samePrefix = layout !== undefined && layout.commentPrefix === prefix;
  const lines = samePrefix ? [...layout.header] : [`${prefix} ${HEADER}`, ''];
  if (samePrefix && layout.metadataJson === JSON.stringify(notebook.metadata)) {
    lines.push(...layout.metadataLines);
  } else if (Object.keys(notebook.metadata).length > 0) {
    lines.push(...metadataLines(notebook.metadata, prefix));
  }
  for (const cell of notebook.cells) {
    lines.push(...(samePrefix && isUnchanged(cell) ? cell.pyBlock!.lines : cellLines(cell, prefix)));
  }
  const text = lines.join('\n');
  const eol = samePrefix ? layout.eol : '\n';
  return `${samePrefix && layout.byteOrderMark ? '\uFEFF' : ''}${eol === '\n' ? text : text.replace(/\n/g, eol)}`;
}

function isUnchanged(cell: NotebookCell): boolean {
  const block = cell.pyBlock;
  return (
    block !== undefined &&
    block.kind === cell.kind &&
    block.isParameters === cell.isParameters &&
    block.source === cell.source &&
    block.metadataJson === JSON.stringify(cell.metadata)
  );
}

function markerLine(prefix: string, kind: SectionKind): string {
  return `${prefix} ${kind} ${STARS}`;
}

function splitSections(lines: string[], prefix: string, path: string): Section[] {
  const markers = new Map(SECTION_KINDS.map((kind) => [markerLine(prefix, kind), kind]));
  const lookalike = new RegExp(`^${escapeRegExp(prefix)}\\s*(CELL|MARKDOWN|METADATA|PARAMETERS( CELL)?)\\b\\s*\\*+\\s*$`);
  const sections: Section[] = [];
  lines.forEach((line, i) => {
    const kind = markers.get(line);
    if (kind) {
      sections.push({ kind, at: i, body: [] });
    } else if (line.startsWith(prefix) && line.trimEnd().endsWith('*') && lookalike.test(line)) {
      throw new DefinitionError(path, `Broken section marker: markers are the keyword, one space and exactly 20 "*", e.g. "${markerLine(prefix, 'CELL')}".`, i + 1, 1);
    } else if (sections.length > 0) {
      sections[sections.length - 1].body.push(line);
    }
  });
  return sections;
}

/** A section's content: its body without the blank line after the marker and the one before the next. */
function contentOf(section: Section): { lines: string[]; firstLine: number } {
  const lines = [...section.body];
  let firstLine = section.at + 2;
  if (lines[0] === '') {
    lines.shift();
    firstLine++;
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, firstLine };
}

function readCell(section: Section, metadataSection: Section | undefined, prefix: string, path: string): NotebookCell {
  const { lines, firstLine } = contentOf(section);
  const metaStart = `${prefix} META {`;
  const misplacedMeta = lines.findIndex((line) => line.trimEnd() === metaStart);
  if (misplacedMeta >= 0) {
    throw new DefinitionError(path, `"${metaStart}" outside a METADATA section; is the "${markerLine(prefix, 'METADATA')}" marker missing?`, firstLine + misplacedMeta, 1);
  }
  const kind = section.kind === 'MARKDOWN' ? 'markdown' : 'code';
  const sourceLines = kind === 'markdown' ? lines.map((line, i) => markdownLine(line, prefix, path, firstLine + i)) : lines;
  const cell: NotebookCell = {
    kind,
    source: sourceLines.join('\n'),
    isParameters: section.kind === 'PARAMETERS CELL',
    metadata: metadataSection ? readMetadata(metadataSection, prefix, path) : {},
  };
  const original = [markerLine(prefix, section.kind), ...section.body, ...(metadataSection ? [markerLine(prefix, 'METADATA'), ...metadataSection.body] : [])];
  if (!sameLines(original, cellLines(cell, prefix))) cell.pyBlock = snapshot(cell, original);
  return cell;
}

function markdownLine(line: string, prefix: string, path: string, lineNumber: number): string {
  if (line === '') return '';
  if (line.startsWith(`${prefix} `)) return line.slice(prefix.length + 1);
  if (line.startsWith(prefix)) return line.slice(prefix.length);
  throw new DefinitionError(path, `Markdown lines start with "${prefix} "; is a "${markerLine(prefix, 'CELL')}" marker missing?`, lineNumber, 1);
}

function readMetadata(section: Section, prefix: string, path: string): Record<string, unknown> {
  const { lines, firstLine } = contentOf(section);
  const meta = `${prefix} META`;
  const json = lines.map((line, i) => {
    if (line === meta || line === '') return '';
    if (line.startsWith(`${meta} `)) return line.slice(meta.length + 1);
    throw new DefinitionError(path, `Only "${meta}" lines belong in a METADATA section; is a "${markerLine(prefix, 'CELL')}" marker missing?`, firstLine + i, 1);
  });
  let value: unknown;
  try {
    value = parseJsonText(json.join('\n'), path);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const line = firstLine + (error.line ?? 1) - 1;
    const column = (error.column ?? 1) + meta.length + 1;
    throw new DefinitionError(path, `In the METADATA section: ${error.reason}`, line, column);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DefinitionError(path, 'A METADATA section must hold a JSON object.', firstLine, 1);
  }
  return value as Record<string, unknown>;
}

/** A cell as Fabric writes it: marker, blank, content, blank, then its METADATA section if it has metadata. */
function cellLines(cell: NotebookCell, prefix: string): string[] {
  const marker = cell.kind === 'markdown' ? 'MARKDOWN' : cell.isParameters ? 'PARAMETERS CELL' : 'CELL';
  const content = cell.source === '' ? [] : cell.source.split('\n');
  // Markdown lines get the prefix; a trailing newline stays a bare blank line, as Fabric writes it.
  const body = cell.kind === 'markdown' ? content.map((line, i) => (line === '' && i > 0 && i === content.length - 1 ? '' : `${prefix} ${line}`)) : content;
  const lines = [markerLine(prefix, marker), '', ...body, ''];
  if (Object.keys(cell.metadata).length > 0) lines.push(...metadataLines(cell.metadata, prefix));
  return lines;
}

function metadataLines(metadata: Record<string, unknown>, prefix: string): string[] {
  return [markerLine(prefix, 'METADATA'), '', ...JSON.stringify(metadata, null, 2).split('\n').map((line) => `${prefix} META ${line}`), ''];
}

function snapshot(cell: NotebookCell, lines: string[]): PyCellBlock {
  return { lines, kind: cell.kind, isParameters: cell.isParameters, source: cell.source, metadataJson: JSON.stringify(cell.metadata) };
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
