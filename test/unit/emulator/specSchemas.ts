// JSON schemas from the official swagger files (the vendored copy in test/fixtures/specs), for
// validating the emulator's answers: each file is registered with ajv under its path, so relative
// $refs resolve as they do in the specs. Swagger-isms are adapted: `discriminator` (a string in
// swagger 2.0) is dropped, optional properties accept null, as the service sends
// (`"failureReason": null` in the examples), and date-times may omit their offset, as the examples do.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SPECS = join(__dirname, '..', '..', 'fixtures', 'specs');

type Schema = Record<string, unknown>;

function adaptMap(schemas: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, adapt(schema)]));
}

function adapt(node: Schema): Schema {
  const schema: Schema = { ...node };
  if (typeof schema.discriminator === 'string') delete schema.discriminator;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(schema[key])) schema[key] = (schema[key] as Schema[]).map(adapt);
  for (const key of ['items', 'additionalProperties'] as const)
    if (typeof schema[key] === 'object' && schema[key] !== null) schema[key] = adapt(schema[key] as Schema);
  if (typeof schema.properties === 'object' && schema.properties !== null) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = adaptMap(schema.properties as Record<string, Schema>);
    for (const [name, property] of Object.entries(properties)) {
      if (!required.has(name)) properties[name] = { anyOf: [{ type: 'null' }, property] };
    }
    schema.properties = properties;
  }
  return schema;
}

export class SpecSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly loaded = new Set<string>();

  constructor() {
    addFormats(this.ajv);
    // Fabric's date-times often carry no offset: "2023-04-22T06:35:00.7812154" in job instances,
    // "2026-03-28T00:00:00" (local to localTimeZoneId) in schedules.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
  }

  private load(file: string): void {
    if (this.loaded.has(file)) return;
    this.loaded.add(file);
    // The vendored copy keeps only the areas the project implements; the schemas validated here
    // never reach into the others (variableLibrary), so a missing file stands empty.
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '{}';
    const json = JSON.parse(text) as Schema;
    this.ajv.addSchema({ $id: pathToFileURL(file).href, definitions: adaptMap((json.definitions ?? {}) as Record<string, Schema>) });
    for (const [, ref] of text.matchAll(/"\$ref":\s*"([^"#]+)#/g)) this.load(resolve(dirname(file), ref!));
  }

  /** A validator for `ref` (`./definitions.json#/definitions/Notebook`) as written in a swagger file under `specDir`. */
  validator(specDir: string, ref: string): ValidateFunction {
    const [file, pointer] = ref.split('#');
    const path = resolve(SPECS, specDir, file!);
    this.load(path);
    const validate = this.ajv.getSchema(`${pathToFileURL(path).href}#${pointer}`);
    if (!validate) throw new Error(`No schema at ${ref} in ${specDir}`);
    return validate;
  }

  /** Throws with ajv's messages when `value` does not match. */
  check(specDir: string, ref: string, value: unknown): void {
    const validate = this.validator(specDir, ref);
    if (!validate(value)) throw new Error(`${ref}: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(value, null, 2)}`);
  }
}
