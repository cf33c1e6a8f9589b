// The parameters a data pipeline declares in pipeline-content.json's `properties.parameters`
// (`{ name: { type: 'string' | 'int' | 'float' | 'bool' | 'array' | 'object' | 'securestring', defaultValue } }`).
import type { DeclaredParameter, DeclaredParameterType } from '../parameterRules';
import { parseJsonText } from './jsonText';

export const PIPELINE_CONTENT = 'pipeline-content.json';

const PIPELINE_TYPES: Record<string, DeclaredParameterType> = {
  int: 'Integer',
  float: 'Number',
  bool: 'Boolean',
  string: 'Text',
  securestring: 'Text',
  array: 'Text',
  object: 'Text',
};

/** Throws DefinitionError when the text is not JSON; a pipeline without parameters gives []. */
export function extractPipelineParameters(pipelineContentJson: string): DeclaredParameter[] {
  const json = parseJsonText(pipelineContentJson, PIPELINE_CONTENT) as { properties?: { parameters?: unknown } } | null;
  const parameters = json?.properties?.parameters;
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) return [];
  return Object.entries(parameters as Record<string, { type?: unknown; defaultValue?: unknown } | null>).map(([name, spec]) => ({
    name,
    type: PIPELINE_TYPES[String(spec?.type ?? 'string').toLowerCase()] ?? 'Text',
    defaultValue: defaultText(spec?.defaultValue),
  }));
}

/** The default as a user would type it: strings as they are, arrays and objects as JSON. */
function defaultText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
