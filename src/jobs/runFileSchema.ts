// The JSON schema check of `.vscode/fabric-runs.json`. Ajv is a third of the bundle and only this
// check needs it, so this module is loaded on first use (the build emits it as its own file in
// dist/, see scripts/build.mjs): activation does not pay for it.
import Ajv from 'ajv';
import schema from '../../schemas/fabric-runs.schema.json';

export const validateRunFile = new Ajv({ allErrors: true, strict: false }).compile(schema);
