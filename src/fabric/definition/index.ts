// The definition codec: item definitions as files, and the file formats inside them.
export { DefinitionError } from './DefinitionError';
export { decodeDefinition, encodeDefinition, fileText, textFile, type DefinitionFile } from './definitionFiles';
export { gitItemFolderName, itemFolderName, parseItemFolderName } from './itemFolder';
export { PLATFORM_FILE, PLATFORM_SCHEMA, parsePlatformFile, writePlatformFile, type PlatformFile, type PlatformProperties } from './platformFile';
export {
  cellLanguage,
  defaultCellLanguage,
  defaultCodeCellMetadata,
  type FabricNotebook,
  type IpynbFileLayout,
  type NotebookCell,
  type NotebookCellKind,
  type PyCellBlock,
  type PyFileLayout,
} from './notebook';
export { NOTEBOOK_PY, describeNotebookPyProblem, notebookPyProblem, parseNotebookPy, writeNotebookPy, type NotebookPyProblem } from './notebookPy';
export { NOTEBOOK_IPYNB, parseIpynb, writeIpynb } from './notebookIpynb';
export { extractNotebookParameters } from './notebookParameters';
export { PIPELINE_CONTENT, extractPipelineParameters } from './pipelineParameters';
export { declaredDataflowParameter, extractDataflowParameters, type DataflowParameter, type DataflowParameterType } from './dataflowParameters';
export { parseJsonText } from './jsonText';
export { validateDefinitionFile, type DefinitionProblem } from './validateDefinitionFile';
export { validateMashup } from './validateMashup';
export { validateParameterNames, validateParameterValue, type DeclaredParameter, type DeclaredParameterType } from '../parameterRules';
