// The parameters an item declares, read from its definition: a notebook's parameters cell (either
// file format) or a pipeline's `properties.parameters`. Dataflows declare none we can read.
import type { ItemDefinition } from '../fabric/types';
import { decodeDefinition, extractNotebookParameters, extractPipelineParameters, parseIpynb, parseNotebookPy } from '../fabric/definition';
import type { DeclaredParameterLike } from './RunParametersWizard';

export interface DefinitionReader {
  getDefinition(workspaceId: string, itemId: string): Promise<ItemDefinition>;
}

export async function readDeclaredParameters(
  client: DefinitionReader,
  workspaceId: string,
  item: { id: string; type: string },
): Promise<DeclaredParameterLike[]> {
  const type = item.type.toLowerCase();
  if (type !== 'notebook' && type !== 'datapipeline') return [];
  const files = decodeDefinition(await client.getDefinition(workspaceId, item.id));
  const text = (path: string) => new TextDecoder().decode(files.find((f) => f.path === path || f.path.endsWith(path))?.content);
  if (type === 'datapipeline') {
    const content = text('pipeline-content.json');
    return content ? extractPipelineParameters(content) : [];
  }
  const py = text('notebook-content.py');
  if (py) return extractNotebookParameters(parseNotebookPy(py));
  const ipynb = text('.ipynb');
  return ipynb ? extractNotebookParameters(parseIpynb(ipynb)) : [];
}
