// fast-check generators for notebooks whose cell sources hold no section markers.
import fc from 'fast-check';
import type { FabricNotebook, NotebookCell } from '../../../src/fabric/definition';

// Lines that would read as (or like) a section marker or a META block once written.
const MARKER_LIKE = /^\s*(#|--|\/\/)?\s*(CELL|MARKDOWN|METADATA|PARAMETERS|META)\b/;

const line = fc
  .oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', '#', '# ', '# MAGIC %%sql', '# MAGIC SELECT 1', 'x = 1', '    return x', '"""doc"""', '\ttab', '# comment', 'émoji ✓ 🚀'),
  )
  .filter((text) => !/[\r\n\u2028\u2029]/.test(text) && !MARKER_LIKE.test(text) && !MARKER_LIKE.test(`# ${text}`));

export const source = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));

const key = fc.stringMatching(/^[a-z_]{1,10}$/);
const extraMetadata = fc.dictionary(key, fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()), { maxKeys: 2 });

const codeMetadata = fc
  .tuple(fc.constantFrom('python', 'sparksql', 'scala'), fc.constantFrom('synapse_pyspark', 'jupyter_python'), extraMetadata)
  .map(([language, group, extra]) => ({ ...extra, language, language_group: group }));

const codeCell: fc.Arbitrary<NotebookCell> = fc.record({
  kind: fc.constant('code' as const),
  source,
  isParameters: fc.boolean(),
  metadata: fc.oneof(codeMetadata, fc.constant({})),
});

const markdownCell: fc.Arbitrary<NotebookCell> = fc.record({
  kind: fc.constant('markdown' as const),
  source,
  isParameters: fc.constant(false),
  metadata: fc.constant({}),
});

export const notebook: fc.Arbitrary<FabricNotebook> = fc.record({
  metadata: fc.oneof(
    fc.constant({}),
    fc.record({ kernel_info: fc.record({ name: fc.constantFrom('synapse_pyspark', 'jupyter') }), dependencies: fc.constant({}) }),
  ),
  cells: fc.array(fc.oneof(codeCell, markdownCell), { maxLength: 6 }),
});

/** What a notebook holds, without what a file format kept of its layout (as plain JSON: generated objects have no prototype). */
export function content(nb: FabricNotebook): unknown {
  const cells = nb.cells.map(({ kind, source: text, isParameters, metadata }) => ({ kind, source: text, isParameters, metadata }));
  return JSON.parse(JSON.stringify({ metadata: nb.metadata, cells }));
}
