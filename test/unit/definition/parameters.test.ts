import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DefinitionError,
  extractNotebookParameters,
  extractPipelineParameters,
  parseNotebookPy,
  validateParameterNames,
  validateParameterValue,
  type DeclaredParameter,
  type FabricNotebook,
} from '../../../src/fabric/definition';
import { PYSPARK_EXPORT } from './notebookFixtures';

function parametersCell(source: string): FabricNotebook {
  return {
    metadata: {},
    cells: [
      { kind: 'code', source: 'ignored = 1', isParameters: false, metadata: {} },
      { kind: 'code', source, isParameters: true, metadata: {} },
    ],
  };
}

describe('declared parameters', () => {
  it('reads the parameters cell of a Fabric export', () => {
    assert.deepEqual(extractNotebookParameters(parseNotebookPy(PYSPARK_EXPORT)), [
      { name: 'run_date', defaultValue: '2025-01-31T00:00:00Z', type: 'DateTime' },
      { name: 'batch_size', defaultValue: '500', type: 'Integer' },
      { name: 'source_folder', defaultValue: 'Files/landing/sales', type: 'Text' },
      { name: 'dry_run', defaultValue: 'false', type: 'Boolean' },
    ]);
  });

  it('types Python literals and skips what is not an assignment', () => {
    const source = [
      '# a comment = 3',
      'ratio = 0.25',
      'big = 1_000',
      'exp = 1e-3',
      "id = '0B5A8F4E-3F7E-4A53-9A55-0B8E1F1C2D3E'",
      'threshold: float = 2',
      'label: str = "a # not a comment"  # a comment',
      'escaped = "say \\"hi\\""',
      'nothing = None',
      'items = [1, 2]',
      'joined = "a" + "b"',
      'if ratio == 0.25:',
      '    nested = 1',
      'a, b = 1, 2',
      'counter += 1',
      'ratio = 0.5',
    ].join('\n');
    assert.deepEqual(extractNotebookParameters(parametersCell(source)), [
      { name: 'big', defaultValue: '1000', type: 'Integer' },
      { name: 'exp', defaultValue: '1e-3', type: 'Number' },
      { name: 'id', defaultValue: '0B5A8F4E-3F7E-4A53-9A55-0B8E1F1C2D3E', type: 'Guid' },
      { name: 'threshold', defaultValue: '2', type: 'Number' },
      { name: 'label', defaultValue: 'a # not a comment', type: 'Text' },
      { name: 'escaped', defaultValue: 'say "hi"', type: 'Text' },
      { name: 'nothing', defaultValue: '', type: 'Text' },
      { name: 'items', defaultValue: '[1, 2]', type: 'Text' },
      { name: 'joined', defaultValue: '"a" + "b"', type: 'Text' },
      { name: 'ratio', defaultValue: '0.5', type: 'Number' },
    ]);
  });

  it('finds every generated assignment with its type', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
    const text = fc
      .string({ maxLength: 20 })
      .filter(
        (t) => !/["'\\\r\n\u2028\u2029]/.test(t) && validateParameterValue('DateTime', t) !== undefined && validateParameterValue('Guid', t) !== undefined,
      );
    const value: fc.Arbitrary<{ literal: string; expected: Omit<DeclaredParameter, 'name'> }> = fc.oneof(
      fc.integer().map((n) => ({ literal: String(n), expected: { defaultValue: String(n), type: 'Integer' as const } })),
      fc
        .tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(9999))
        .map(([a, b]) => ({ literal: `${a}.${b}`, expected: { defaultValue: `${a}.${b}`, type: 'Number' as const } })),
      fc.boolean().map((b) => ({ literal: b ? 'True' : 'False', expected: { defaultValue: String(b), type: 'Boolean' as const } })),
      fc.tuple(text, fc.constantFrom('"', "'")).map(([t, q]) => ({ literal: `${q}${t}${q}`, expected: { defaultValue: t, type: 'Text' as const } })),
      fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => {
        const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        return { literal: `"${iso}"`, expected: { defaultValue: iso, type: 'DateTime' as const } };
      }),
      fc.uuid().map((u) => ({ literal: `'${u}'`, expected: { defaultValue: u, type: 'Guid' as const } })),
    );
    const assignment = fc.record({ name, value, spacing: fc.constantFrom('=', ' = ', '  =  '), comment: fc.constantFrom('', '  # default', ' #x') });
    fc.assert(
      fc.property(fc.uniqueArray(assignment, { selector: (a) => a.name, maxLength: 8 }), (assignments) => {
        const source = assignments
          .flatMap((a, i) => [...(i % 2 ? ['# explain the next one', ''] : []), `${a.name}${a.spacing}${a.value.literal}${a.comment}`])
          .join('\n');
        assert.deepEqual(
          extractNotebookParameters(parametersCell(source)),
          assignments.map((a) => ({ name: a.name, ...a.value.expected })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("reads a pipeline's properties.parameters with job parameter types", () => {
    const pipeline = JSON.stringify({
      properties: {
        activities: [],
        parameters: {
          region: { type: 'string', defaultValue: 'west' },
          limit: { type: 'int', defaultValue: 10 },
          ratio: { type: 'Float', defaultValue: 0.5 },
          full: { type: 'bool', defaultValue: true },
          tables: { type: 'array', defaultValue: ['a', 'b'] },
          options: { type: 'object' },
          secret: { type: 'securestring' },
        },
      },
    });
    assert.deepEqual(extractPipelineParameters(pipeline), [
      { name: 'region', type: 'Text', defaultValue: 'west' },
      { name: 'limit', type: 'Integer', defaultValue: '10' },
      { name: 'ratio', type: 'Number', defaultValue: '0.5' },
      { name: 'full', type: 'Boolean', defaultValue: 'true' },
      { name: 'tables', type: 'Text', defaultValue: '["a","b"]' },
      { name: 'options', type: 'Text', defaultValue: '' },
      { name: 'secret', type: 'Text', defaultValue: '' },
    ]);
    assert.deepEqual(extractPipelineParameters('{"properties":{"activities":[]}}'), []);
    assert.throws(
      () => extractPipelineParameters('{"properties":'),
      (error: unknown) => error instanceof DefinitionError && error.path === 'pipeline-content.json',
    );
  });

  it('checks values by type', () => {
    const ok: [Parameters<typeof validateParameterValue>[0], string][] = [
      ['Integer', '-42'],
      ['Number', '3.14'],
      ['Number', '1e5'],
      ['Boolean', 'True'],
      ['Text', ''],
      ['DateTime', '2024-02-29T23:59:59Z'],
      ['Guid', '0b5a8f4e-3f7e-4a53-9a55-0b8e1f1c2d3e'],
    ];
    const bad: [Parameters<typeof validateParameterValue>[0], string][] = [
      ['Integer', '4.2'],
      ['Integer', '99999999999999999999'],
      ['Number', 'abc'],
      ['Number', ''],
      ['Boolean', 'yes'],
      ['DateTime', '2025-02-29T00:00:00Z'],
      ['DateTime', '2025-01-31 08:00:00Z'],
      ['DateTime', '2025-01-31T08:00:00.000Z'],
      ['DateTime', '2025-01-31T24:00:00Z'],
      ['Guid', '0b5a8f4e3f7e4a539a550b8e1f1c2d3e'],
    ];
    for (const [type, value] of ok) assert.equal(validateParameterValue(type, value), undefined, `${type} ${value}`);
    for (const [type, value] of bad) assert.match(validateParameterValue(type, value) ?? '', new RegExp(`is not an? ${type}`), `${type} ${value}`);
  });

  it('checks names: non-empty, at most 256 characters, unique ignoring case', () => {
    assert.equal(validateParameterNames(['a', 'b', 'x'.repeat(256)]), undefined);
    assert.match(validateParameterNames(['a', ' ']) ?? '', /cannot be empty/);
    assert.match(validateParameterNames(['x'.repeat(257)]) ?? '', /longer than 256/);
    assert.match(validateParameterNames(['Region', 'region']) ?? '', /"Region" and "region" differ only in case/);
    assert.match(validateParameterNames(['a', 'a']) ?? '', /"a" is given twice/);
  });
});
