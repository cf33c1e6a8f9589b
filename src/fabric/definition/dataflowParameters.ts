// A dataflow's parameters: what Items_DiscoverDataflowParameters answers (dataflow/definitions.json,
// DataflowParameter), read from the parameter queries of its mashup.pq when the service cannot
// discover them (and by the emulator, which serves the discover endpoint from it):
//   shared Region = "EU" meta [IsParameterQuery = true, Type = "Text", IsParameterQueryRequired = true];
import type { DeclaredParameter } from '../parameterRules';

export type DataflowParameterType = 'String' | 'Boolean' | 'Integer' | 'Number' | 'DateTime' | 'DateTimeZone' | 'Date' | 'Time' | 'Duration';

export interface DataflowParameter {
  name: string;
  description: string;
  isRequired: boolean;
  type: DataflowParameterType;
  defaultValue: unknown;
}

const PARAMETER_QUERY = /shared\s+(#"(?:[^"]|"")+"|[A-Za-z_][\w.]*)\s*=\s*((?:"(?:[^"]|"")*"|[^;"])*?)\s+meta\s*\[([^\]]*)\]\s*;/g;
/** M's parameter types → the API's. */
const M_TYPES: Record<string, DataflowParameterType> = {
  text: 'String',
  any: 'String',
  logical: 'Boolean',
  number: 'Number',
  datetime: 'DateTime',
  datetimezone: 'DateTimeZone',
  date: 'Date',
  time: 'Time',
  duration: 'Duration',
};

export function extractDataflowParameters(mashup: string): DataflowParameter[] {
  const found: DataflowParameter[] = [];
  for (const [, rawName, rawValue, metaText] of mashup.matchAll(PARAMETER_QUERY)) {
    const meta = readMeta(metaText!);
    if (meta.IsParameterQuery !== 'true') continue;
    const name = rawName!.startsWith('#"') ? rawName!.slice(2, -1).replace(/""/g, '"') : rawName!;
    const value = literal(rawValue!.trim());
    const mType = M_TYPES[(meta.Type ?? 'Any').toLowerCase()] ?? 'String';
    const type = mType === 'Number' && Number.isInteger(value) ? 'Integer' : mType;
    found.push({ name, description: meta.Description ?? '', isRequired: meta.IsParameterQueryRequired === 'true', type, defaultValue: value });
  }
  return found;
}

/** The parameter as the run wizard starts from it (a type the wizard checks, else Text). */
export function declaredDataflowParameter(p: DataflowParameter): DeclaredParameter {
  const type = p.type === 'Boolean' || p.type === 'Integer' || p.type === 'Number' ? p.type : 'Text';
  return { name: p.name, type, defaultValue: typeof p.defaultValue === 'string' ? p.defaultValue : JSON.stringify(p.defaultValue ?? '') };
}

function readMeta(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(/([A-Za-z]+)\s*=\s*("(?:[^"]|"")*"|[^,\]]+)/g)) fields[key!] = unquote(value!.trim());
  return fields;
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text;
}

function literal(text: string): unknown {
  if (text.startsWith('"')) return unquote(text);
  if (/^(true|false)$/.test(text)) return text === 'true';
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}
