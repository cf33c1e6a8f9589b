// 5. Codec throughput: parse and write a 1,000-cell notebook in both formats.
import { parseIpynb, parseNotebookPy, writeIpynb, writeNotebookPy, type FabricNotebook } from '../../src/fabric/definition';
import type { Row } from '../harness';

function bigNotebook(): FabricNotebook {
  const cells = Array.from({ length: 1000 }, (_, i) => ({
    kind: (i % 5 === 0 ? 'markdown' : 'code') as 'markdown' | 'code',
    source:
      i % 5 === 0
        ? `# Step ${i}\nWhat this step does, in a sentence or two.`
        : `df_${i} = spark.read.table("sales_${i}")\ndf_${i} = df_${i}.filter("amount > ${i}")\ndisplay(df_${i}.limit(10))`,
    isParameters: i === 1,
    metadata: i % 5 === 0 ? {} : { language: 'python', language_group: 'synapse_pyspark' },
  }));
  return { metadata: { kernel_info: { name: 'synapse_pyspark' }, dependencies: {} }, cells };
}

/** MB/s of `work` over `bytes`, best of a few timed rounds after a warm-up. */
function throughput(bytes: number, work: () => void): number {
  for (let i = 0; i < 3; i++) work();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < 5; i++) work();
    best = Math.min(best, (performance.now() - started) / 5);
  }
  return bytes / 1024 / 1024 / (best / 1000);
}

export async function codecThroughput(): Promise<Row[]> {
  const notebook = bigNotebook();
  const py = writeNotebookPy(notebook);
  const ipynb = writeIpynb(notebook);
  const parsedPy = parseNotebookPy(py);
  const parsedIpynb = parseIpynb(ipynb);
  const scenario = 'Codec throughput (1,000 cells)';
  const rows: [string, number][] = [
    ['parse notebook-content.py', throughput(py.length, () => parseNotebookPy(py))],
    ['write notebook-content.py', throughput(py.length, () => writeNotebookPy(parsedPy))],
    ['parse .ipynb', throughput(ipynb.length, () => parseIpynb(ipynb))],
    ['write .ipynb', throughput(ipynb.length, () => writeIpynb(parsedIpynb))],
  ];
  return rows.map(([measure, mbps]) => ({ scenario, measure, ours: mbps, unit: 'MB/s', target: '> 50 MB/s', met: mbps > 50 }));
}
