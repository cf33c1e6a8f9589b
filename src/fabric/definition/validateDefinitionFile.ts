// Checks a definition part before it is uploaded, so content Fabric would reject (or a notebook
// whose markers an edit broke) is caught at save time with a position to show.
import { DefinitionError } from './DefinitionError';
import { parseJsonText } from './jsonText';
import { parseIpynb } from './notebookIpynb';
import { parseNotebookPy } from './notebookPy';
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
    if (/\.ipynb$/i.test(name)) parseIpynb(text, path);
    else if (/\.json$/i.test(name)) parseJsonText(text, path);
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

function platformProblems(text: string, itemType: string): DefinitionProblem[] {
  const platform = parsePlatformFile(text);
  if (platform.type === itemType) return [];
  const at = text.search(/"type"\s*:/);
  return [{ message: `.platform says the item is a ${platform.type}, but it is a ${itemType}; an item's type cannot change.`, ...positionAt(text, Math.max(0, at)) }];
}
