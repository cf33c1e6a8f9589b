// Notebooks in Fabric's two file formats, for the runner tests.

export interface FixtureCell {
  kind: 'code' | 'parameters' | 'markdown';
  source: string;
  language?: string;
}

function metaLines(json: object): string[] {
  return JSON.stringify(json, null, 2)
    .split('\n')
    .map((line) => `# META ${line}`);
}

/** notebook-content.py, the fabricGitSource format. */
export function pyNotebook(cells: FixtureCell[]): string {
  const lines = ['# Fabric notebook source', '', '# METADATA ********************', '', ...metaLines({ kernel_info: { name: 'synapse_pyspark' } }), ''];
  for (const cell of cells) {
    if (cell.kind === 'markdown') {
      lines.push('# MARKDOWN ********************', '', ...cell.source.split('\n').map((line) => `# ${line}`), '');
      continue;
    }
    const language = cell.language ?? 'python';
    const source = language === 'python' ? cell.source.split('\n') : cell.source.split('\n').map((line) => `# MAGIC ${line}`);
    lines.push(cell.kind === 'parameters' ? '# PARAMETERS CELL ********************' : '# CELL ********************', '', ...source, '');
    lines.push('# METADATA ********************', '', ...metaLines({ language, language_group: 'synapse_pyspark' }), '');
  }
  return lines.join('\n');
}

/** notebook-content.ipynb, Jupyter's format with Fabric's cell metadata. */
export function ipynbNotebook(cells: FixtureCell[]): string {
  return JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernel_info: { name: 'synapse_pyspark' }, language_info: { name: 'python' } },
      cells: cells.map((cell) => ({
        cell_type: cell.kind === 'markdown' ? 'markdown' : 'code',
        source: cell.source.split(/(?<=\n)/),
        metadata: {
          ...(cell.kind === 'parameters' ? { tags: ['parameters'] } : {}),
          ...(cell.kind === 'markdown' ? {} : { microsoft: { language: cell.language ?? 'python', language_group: 'synapse_pyspark' } }),
        },
        ...(cell.kind === 'markdown' ? {} : { outputs: [], execution_count: null }),
      })),
    },
    null,
    1,
  );
}
