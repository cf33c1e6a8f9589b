// Turns a notebook into the Python cells the driver runs: markdown dropped, the run's parameters
// injected after the parameters cell, Fabric's cell magics resolved; a cell in another language
// (which needs Spark) is refused up front with a reason the user can act on. Line magics (%pip…)
// are the driver's business: it only looks at them when a cell does not compile as Python.
import type { FabricNotebook } from '../../../fabric/definition';
import type { JobParameter } from '../../../fabric/types';
import { buildParameterCell } from './parameterCell';

export interface DriverCell {
  /** Shown in tracebacks as `File "<cell 3>"`; numbered like the notebook's cells, from 1. */
  name: string;
  source: string;
}

export class UnrunnableCellError extends Error {}

const PYTHON_LANGUAGES = new Set(['python', 'pyspark']);
/** Fabric's cell magics and the language each one switches the cell to. */
const CELL_MAGIC_LANGUAGES: Record<string, string> = {
  pyspark: 'python',
  python: 'python',
  sql: 'sparksql',
  sparksql: 'sparksql',
  spark: 'scala',
  scala: 'scala',
  sparkr: 'r',
  csharp: 'csharp',
  configure: 'configure',
};

/** The fabricGitSource format writes non-Python cells with every line prefixed by `# MAGIC `. */
function stripMagicPrefix(source: string): string {
  const lines = source.split('\n');
  const content = lines.filter((line) => line.trim() !== '');
  if (content.length === 0 || !content.every((line) => line.startsWith('# MAGIC'))) return source;
  return lines.map((line) => line.replace(/^# MAGIC ?/, '')).join('\n');
}

function metadataLanguage(metadata: object): string | undefined {
  const meta = metadata as { language?: unknown; microsoft?: { language?: unknown } };
  const language = meta.language ?? meta.microsoft?.language;
  return typeof language === 'string' ? language.toLowerCase() : undefined;
}

/** The cell's language and its source without the leading cell magic line. */
function resolveLanguage(source: string, metadata: object): { language: string; source: string } {
  const match = /^\s*%%(\w+)[^\n]*(\n|$)/.exec(source);
  if (match) {
    const magic = match[1].toLowerCase();
    // Keep the line count so that traceback line numbers match the notebook's.
    return { language: CELL_MAGIC_LANGUAGES[magic] ?? magic, source: '\n' + source.slice(match[0].length) };
  }
  return { language: metadataLanguage(metadata) ?? 'python', source };
}

/** Throws UnrunnableCellError (a cell that cannot run locally) or ParameterError (a bad parameter). */
export function planNotebookCells(notebook: FabricNotebook, parameters: readonly JobParameter[]): DriverCell[] {
  const parameterCell = parameters.length > 0 ? { name: 'injected parameters', source: buildParameterCell(parameters) } : undefined;
  let injected = false;
  const cells: DriverCell[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const cellNumber = index + 1;
    const { language, source } = resolveLanguage(stripMagicPrefix(cell.source), cell.metadata ?? {});
    if (language === 'configure') return; // Spark session settings: nothing to configure locally.
    if (!PYTHON_LANGUAGES.has(language)) {
      throw new UnrunnableCellError(
        `Cell ${cellNumber} is a ${language} cell: the local emulator cannot run ${language} cells: no Spark here. It runs Python cells only.`,
      );
    }
    cells.push({ name: `cell ${cellNumber}`, source });
    if (cell.isParameters && parameterCell && !injected) {
      cells.push(parameterCell);
      injected = true;
    }
  });
  // Without a parameters cell, papermill (and Fabric) inject the parameters first.
  if (parameterCell && !injected) cells.unshift(parameterCell);
  return cells;
}
