// The notebook execute endpoint's own rules (seed 001, notebook/swagger.json): `beta` is a boolean;
// executionData (RunNotebookExecutionData) requires `compute`; DataWarehouse "does not support
// compute configuration"; a compute that does not match the notebook's kernel is refused with
// ComputeTypeMismatch. The general job scheduler endpoint has none of these rules.
import { decodeDefinition, defaultCellLanguage, fileText, parseIpynb, parseNotebookPy, type FabricNotebook } from '../fabric/definition';
import { badRequest } from './apiError';
import type { StoredDefinition } from './store';

const COMPUTE_TYPES = ['Spark', 'Jupyter', 'DataWarehouse'];

/** The compute the notebook's kernel runs on: Jupyter for Python notebooks, DataWarehouse for T-SQL ones, Spark otherwise. */
export function notebookCompute(definition: StoredDefinition | undefined): string | undefined {
  let notebook: FabricNotebook | undefined;
  try {
    const files = definition ? decodeDefinition(definition) : [];
    const py = files.find((f) => /(^|\/)notebook-content\.\w+$/i.test(f.path) && !f.path.endsWith('.ipynb'));
    const ipynb = files.find((f) => f.path.endsWith('.ipynb'));
    notebook = py ? parseNotebookPy(fileText(py), py.path) : ipynb ? parseIpynb(fileText(ipynb), ipynb.path) : undefined;
  } catch {
    return undefined; // A notebook the runner cannot read fails when it runs, with the reason.
  }
  if (!notebook) return undefined;
  const group = defaultCellLanguage(notebook).language_group;
  return group.startsWith('jupyter') ? 'Jupyter' : group === 'sqldatawarehouse' ? 'DataWarehouse' : 'Spark';
}

export function checkRunNotebook(query: URLSearchParams, body: unknown, definition: StoredDefinition | undefined): void {
  const beta = query.get('beta');
  if (beta === null) throw badRequest('InvalidParameter', "The query parameter 'beta' is required: call …/jobs/execute/instances?beta=false.");
  if (beta !== 'true' && beta !== 'false') throw badRequest('InvalidParameter', `The query parameter 'beta' is '${beta}'; it must be true or false.`);
  const executionData = (body as { executionData?: unknown } | undefined)?.executionData;
  if (typeof executionData !== 'object' || executionData === null) return;
  const { compute, computeConfiguration } = executionData as { compute?: unknown; computeConfiguration?: unknown };
  if (compute === undefined) throw badRequest('InvalidParameter', 'executionData.compute is required: Spark, Jupyter or DataWarehouse.');
  if (compute === 'DataWarehouse' && computeConfiguration !== undefined) {
    throw badRequest('InvalidParameter', 'The DataWarehouse compute does not support a computeConfiguration: leave it out.');
  }
  const own = notebookCompute(definition);
  // An unknown compute is readRunRequest's to refuse (InvalidParameter).
  if (own && COMPUTE_TYPES.includes(compute as string) && compute !== own) {
    throw badRequest('ComputeTypeMismatch', `The notebook runs on ${own}, but the request asks for ${compute}: ask for ${own}, or leave executionData out.`);
  }
}
