// Checks a definition part before it is uploaded, so bad content never reaches Fabric: the codec's
// checks (JSON parts parse, `.platform` keeps the item's type, `notebook-content.py` keeps its
// markers) plus the Power Query M parse of `*.pq`. Problems carry 0-based positions for diagnostics.
import { validateDefinitionFile, validateMashup, type DefinitionProblem } from '../fabric/definition';

export interface PartProblem {
  message: string;
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
}

export async function validatePart(path: string, content: Uint8Array, itemType: string): Promise<PartProblem[]> {
  const text = Buffer.from(content).toString('utf8');
  const problems: DefinitionProblem[] = path.endsWith('.pq')
    ? (await validateMashup(text)).map((p) => ({ ...p, message: `Power Query M syntax error: ${p.message}` }))
    : validateDefinitionFile(path, text, itemType);
  return problems.map((p) => ({ message: p.message, line: Math.max(0, p.line - 1), column: Math.max(0, p.column - 1) }));
}
