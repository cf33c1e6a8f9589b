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
//
// A section marker is exactly its line: any other line in a cell, however much it looks like a
// marker (`#CELL`, 19 stars, `# META {`), is the cell's content. The format has no escape, so a cell
// line that IS a marker cannot be written; nor can one that is a marker but for whitespace or a line
// break around it (`# CELL ****…  `, `…\r# CELL ****…`), since Fabric's reader is not published and
// may trim or split such a line. The writer refuses those (naming the cell and line), the reader
// refuses such lines in a file, and `notebookPyProblem` lets a save refuse them before upload.
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import type { FabricNotebook, NotebookCell, PyCellBlock, PyFileLayout } from './notebook';

export const NOTEBOOK_PY = 'notebook-content.py';
const HEADER = 'Fabric notebook source';
const STARS = '*'.repeat(20);
const COMMENT_PREFIXES = ['#', '--', '//'];

type SectionKind = 'CELL' | 'MARKDOWN' | 'PARAMETERS CELL' | 'METADATA';
const SECTION_KINDS: readonly SectionKind[] = ['CELL', 'MARKDOWN', 'PARAMETERS CELL', 'METADATA'];
const PARAMETERS_TAG = 'parameters';
/** Line breaks other than \n that some reader may split a line at (those of Python's str.splitlines). */
// eslint-disable-next-line no-control-regex -- \x1c-\x1e (file, group, record separators) are line breaks to Python
const OTHER_LINE_BREAKS = /[\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Why notebook-content.py cannot hold a cell, and where: `line` is 1-based in the cell's source. */
export interface NotebookPyProblem {
  /** 1-based. */
  cell: number;
  /** 1-based line of the cell's source, when the problem is one line. */
  line?: number;
  reason: string;
}

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

/**
 * Writes notebook-content.py; `commentPrefix` defaults to the one the notebook was read with, else `#`.
 * Throws DefinitionError naming the cell and line when the format cannot hold the notebook.
 */
export function writeNotebookPy(notebook: FabricNotebook, commentPrefix?: string): string {
  const layout = notebook.pyFile;
  const prefix = commentPrefix ?? layout?.commentPrefix ?? '#';
  const problem = notebookPyProblem(notebook, [prefix]);
  if (problem) throw new DefinitionError(NOTEBOOK_PY, describeNotebookPyProblem(problem));
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

/**
 * The first cell notebook-content.py (with any of `prefixes`) cannot hold as it is: a line that
 * would be read as a section marker, or a code cell tagged "parameters" that is not the parameters
 * cell (the tag and the marker would disagree once converted to .ipynb).
 */
export function notebookPyProblem(notebook: FabricNotebook, prefixes: readonly string[] = COMMENT_PREFIXES): NotebookPyProblem | undefined {
  for (const [index, cell] of notebook.cells.entries()) {
    const lines = cell.source.split('\n');
    for (const [lineIndex, line] of lines.entries()) {
      for (const prefix of prefixes) {
        const written = cell.kind === 'markdown' ? `${prefix} ${line}` : line;
        const marker = markerReadIn(written, prefix);
        if (marker === undefined) continue;
        const what = written === marker ? 'is the section marker' : `reads as the section marker "${marker}" (whitespace or a line break around it)`;
        return {
          cell: index + 1,
          line: lineIndex + 1,
          reason: `${JSON.stringify(line)} ${what} of notebook-content.py, the format Fabric keeps notebooks in: there it would end the cell, and the format cannot escape it. Change the line, for example add a word after the stars.`,
        };
      }
    }
    if (isMistagged(cell)) return { cell: index + 1, reason: mistaggedReason(prefixes[0] ?? '#') };
  }
  return undefined;
}

export function describeNotebookPyProblem(problem: NotebookPyProblem): string {
  return `Cell ${problem.cell}${problem.line === undefined ? '' : `, line ${problem.line}`}: ${problem.reason}`;
}

/** The marker `line` is or could be read as (trimmed, or split at another line break), else undefined. */
function markerReadIn(line: string, prefix: string): string | undefined {
  if (!line.includes(STARS)) return undefined;
  for (const part of line.split(OTHER_LINE_BREAKS)) {
    const trimmed = part.trim();
    if (SECTION_KINDS.some((kind) => trimmed === markerLine(prefix, kind))) return trimmed;
  }
  return undefined;
}

/** A code cell tagged "parameters" that its marker says is not the parameters cell. */
function isMistagged(cell: NotebookCell): boolean {
  return cell.kind === 'code' && !cell.isParameters && Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(PARAMETERS_TAG);
}

function mistaggedReason(prefix: string): string {
  return `The cell is tagged "${PARAMETERS_TAG}" but is not the parameters cell: mark it "${markerLine(prefix, 'PARAMETERS CELL')}" or remove the tag.`;
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
  const sections: Section[] = [];
  lines.forEach((line, i) => {
    const kind = markers.get(line);
    const marker = kind ? undefined : markerReadIn(line, prefix);
    if (kind) {
      sections.push({ kind, at: i, body: [] });
    } else if (marker !== undefined) {
      throw new DefinitionError(
        path,
        `This line is the section marker "${marker}" with whitespace or a line break around it, which Fabric may or may not read as a marker. Remove them to make it a marker, or change the line if it is code.`,
        i + 1,
        1,
      );
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
  const kind = section.kind === 'MARKDOWN' ? 'markdown' : 'code';
  const sourceLines = kind === 'markdown' ? lines.map((line, i) => markdownLine(line, prefix, path, firstLine + i)) : lines;
  const cell: NotebookCell = {
    kind,
    source: sourceLines.join('\n'),
    isParameters: section.kind === 'PARAMETERS CELL',
    metadata: metadataSection ? readMetadata(metadataSection, prefix, path) : {},
  };
  if (metadataSection && isMistagged(cell)) throw new DefinitionError(path, mistaggedReason(prefix), metadataSection.at + 1, 1);
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
    throw new DefinitionError(
      path,
      `Only "${meta}" lines belong in a METADATA section; is a "${markerLine(prefix, 'CELL')}" marker missing?`,
      firstLine + i,
      1,
    );
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
  const metadata = pyCellMetadata(cell);
  if (Object.keys(metadata).length > 0) lines.push(...metadataLines(metadata, prefix));
  return lines;
}

/**
 * A cell's metadata as notebook-content.py holds it. The parameters cell's marker says what the
 * .ipynb "parameters" tag says: a tag list that is only that tag, added last by the .ipynb writer,
 * is left out so that py → ipynb → py gives the same bytes; any other tag list is kept as it is.
 */
function pyCellMetadata(cell: NotebookCell): Record<string, unknown> {
  const keys = Object.keys(cell.metadata);
  const tags = cell.metadata.tags;
  const onlyTheTag = Array.isArray(tags) && tags.length === 1 && tags[0] === PARAMETERS_TAG;
  if (!cell.isParameters || !onlyTheTag || keys[keys.length - 1] !== 'tags') return cell.metadata;
  const rest = { ...cell.metadata };
  delete rest.tags;
  return rest;
}

function metadataLines(metadata: Record<string, unknown>, prefix: string): string[] {
  return [
    markerLine(prefix, 'METADATA'),
    '',
    ...JSON.stringify(metadata, null, 2)
      .split('\n')
      .map((line) => `${prefix} META ${line}`),
    '',
  ];
}

function snapshot(cell: NotebookCell, lines: string[]): PyCellBlock {
  return { lines, kind: cell.kind, isParameters: cell.isParameters, source: cell.source, metadataJson: JSON.stringify(cell.metadata) };
}

function sameLines(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}
