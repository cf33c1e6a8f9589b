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

// Notebooks biased to lines that look like notebook-content.py structure: exact section markers,
// markers with other spacing, stars or case, `#CELL`, markers after a line break (\r) or with
// whitespace or a byte order mark around them, META lines, magics and `# MAGIC` lines.
const KEYWORDS = ['CELL', 'MARKDOWN', 'METADATA', 'PARAMETERS CELL', 'PARAMETERS', 'META', 'cell'];
const STARS = '*'.repeat(20);
const markerLike = fc
  .tuple(
    fc.constantFrom('', '', '', '  ', '\t', '\uFEFF', 'x = 1\r', '# MAGIC '),
    fc.constantFrom('#', '#', '#', '--', '//'),
    fc.constantFrom(' ', ' ', '', '  '),
    fc.constantFrom(...KEYWORDS),
    fc.constantFrom(' ', ' ', '', '  '),
    fc.constantFrom(STARS, STARS, STARS, '*'.repeat(19), '*'.repeat(21), '***', ''),
    fc.constantFrom('', '', '', ' ', '\t', '\r', 'x', ' # note', '\u00a0'),
  )
  .map((parts) => parts.join(''));
const metaLike = fc.constantFrom('# META {', '# META }', '# META   "language": "python",', '# META', '# META x', '#META {', '-- META {');
const magic = fc.constantFrom('%%sql', '%pip install pandas', '# MAGIC %%sql', `# MAGIC # CELL ${STARS}`, '# MAGIC SELECT 1', '%run other');
/** Lines that become a marker once a markdown cell's `# ` prefix is added. */
const markdownMarkerLike = fc
  .tuple(fc.constantFrom('CELL', 'MARKDOWN', 'METADATA', 'PARAMETERS CELL', 'META {'), fc.constantFrom(` ${STARS}`, ` ${STARS} `, ` ${STARS}\r`, ''))
  .map(([keyword, tail]) => `${keyword}${tail}`);
const proneLine = fc.oneof(
  { weight: 4, arbitrary: markerLike },
  { weight: 1, arbitrary: metaLike },
  { weight: 1, arbitrary: magic },
  { weight: 1, arbitrary: markdownMarkerLike },
  { weight: 3, arbitrary: line },
);
const proneSource = fc.array(proneLine, { maxLength: 5 }).map((lines) => lines.join('\n'));

const proneCodeCell: fc.Arbitrary<NotebookCell> = fc.boolean().chain((isParameters) =>
  fc
    .record({
      source: proneSource,
      metadata: fc.oneof(codeMetadata, fc.constant({})),
      tags: fc.constantFrom(...(isParameters ? [undefined, ['parameters'], ['injected', 'parameters']] : [undefined, ['injected']])),
      tagsFirst: fc.boolean(),
    })
    .map(({ source: text, metadata, tags, tagsFirst }) => ({
      kind: 'code' as const,
      source: text,
      isParameters,
      metadata: tags === undefined ? metadata : tagsFirst ? { tags, ...metadata } : { ...metadata, tags },
    })),
);
const proneMarkdownCell: fc.Arbitrary<NotebookCell> = fc.record({
  kind: fc.constant('markdown' as const),
  source: proneSource,
  isParameters: fc.constant(false),
  metadata: fc.constantFrom({}, {}, { tags: ['parameters'] }),
});

export const markerProneNotebook: fc.Arbitrary<FabricNotebook> = fc.record({
  metadata: fc.oneof(fc.constant({}), fc.record({ kernel_info: fc.record({ name: fc.constantFrom('synapse_pyspark', 'jupyter') }) })),
  cells: fc.array(fc.oneof(proneCodeCell, proneMarkdownCell), { minLength: 1, maxLength: 5 }),
});
