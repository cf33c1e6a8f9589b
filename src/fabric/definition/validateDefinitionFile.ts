// Checks a definition part before it is uploaded, so content Fabric would reject (or a notebook
// whose markers an edit broke) is caught at save time with a position to show.
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import type { FabricNotebook } from './notebook';
import { jsonValueOffset, multilineStringLineOffset } from './jsonValueOffset';
import { parseIpynb } from './notebookIpynb';
import { describeNotebookPyProblem, notebookPyProblem, parseNotebookPy } from './notebookPy';
import { PLATFORM_FILE, parsePlatformFile } from './platformFile';
import { positionAt } from './textPosition';

export interface DefinitionProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** The problems of part `path` (content `text`) of an item of `itemType`; [] when it looks fine. */
export function validateDefinitionFile(path: string, text: string, itemType: string): DefinitionProblem[] {
  const name = path.split('/').pop() ?? path;
  try {
    if (name === PLATFORM_FILE) return platformProblems(text, itemType);
    if (/\.ipynb$/i.test(name)) {
      const notebook = parseIpynb(text, path);
      return itemType === 'Notebook' ? ipynbProblems(notebook, text) : [];
    }
    if (/\.json$/i.test(name)) parseJsonText(text, path);
    else if (/^notebook-content\.(py|sql|scala|r)$/i.test(name)) parseNotebookPy(text, path);
    return [];
  } catch (error) {
    if (error instanceof DefinitionError) return [problemOf(error)];
    throw error;
  }
}

export function problemOf(error: DefinitionError): DefinitionProblem {
  return { message: error.reason, line: error.line ?? 1, column: error.column ?? 1 };
}

/**
 * An .ipynb must parse, and Fabric must be able to keep it as notebook-content.py (its Git and
 * default format): a cell line that would read as a section marker there is refused at its place.
 */
function ipynbProblems(notebook: FabricNotebook, text: string): DefinitionProblem[] {
  const problem = notebookPyProblem(notebook);
  if (!problem) return [];
  const source = jsonValueOffset(text, ['cells', problem.cell - 1, problem.line === undefined ? 'metadata' : 'source']);
  const offset = source === undefined || problem.line === undefined ? source : multilineStringLineOffset(text, source, problem.line);
  return [{ message: describeNotebookPyProblem(problem), ...positionAt(text, offset ?? 0) }];
}

function platformProblems(text: string, itemType: string): DefinitionProblem[] {
  const platform = parsePlatformFile(text);
  if (platform.type === itemType) return [];
  const at = text.search(/"type"\s*:/);
  return [
    { message: `.platform says the item is a ${platform.type}, but it is a ${itemType}; an item's type cannot change.`, ...positionAt(text, Math.max(0, at)) },
  ];
}
