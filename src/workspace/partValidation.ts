// Checks a definition part before it is uploaded, so bad content never reaches Fabric: the codec's
// checks (JSON parts parse, `.platform` keeps the item's type, `notebook-content.py` keeps its
// markers) plus the item kind's own (a dataflow's `*.pq` parses as Power Query M: the registry's
// validatePart). Problems carry 0-based positions for diagnostics.
import { validateDefinitionFile, type DefinitionProblem } from '../fabric/definition';
import { itemKind } from '../fabric/itemKinds';

export interface PartProblem {
  message: string;
  /** 0-based. */
  line: number;
  /** 0-based. */
  column: number;
}

export async function validatePart(path: string, content: Uint8Array, itemType: string): Promise<PartProblem[]> {
  const text = Buffer.from(content).toString('utf8');
  const problems: DefinitionProblem[] = [
    ...validateDefinitionFile(path, text, itemType),
    ...((await itemKind(itemType)?.definition?.validatePart?.(path, text)) ?? []),
  ];
  return problems.map((p) => ({ message: p.message, line: Math.max(0, p.line - 1), column: Math.max(0, p.column - 1) }));
}
