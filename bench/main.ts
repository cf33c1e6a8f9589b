// `npm run bench`: runs every scenario against the emulator (40 ms added to each round trip, as a
// cloud call), prints a table and writes bench/results.json, docs/performance.md and its chart.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { round, type Row } from './harness';
import { writeReport } from './report';
import { bigTenantTree } from './scenarios/bigTenantTree';
import { bulkExport } from './scenarios/bulkExport';
import { codecThroughput } from './scenarios/codecThroughput';
import { coldStart } from './scenarios/coldStart';
import { jobLatency } from './scenarios/jobLatency';
import { lroNotice } from './scenarios/lroNotice';
import { openAndSave } from './scenarios/openAndSave';

const SCENARIOS: Record<string, () => Promise<Row[]>> = { bigTenantTree, openAndSave, lroNotice, jobLatency, bulkExport, codecThroughput, coldStart };

async function main(): Promise<void> {
  if (!global.gc) console.warn('Run with node --expose-gc (npm run bench does) for the heap figures.');
  const only = process.argv.slice(2);
  const rows: Row[] = [];
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (only.length && !only.includes(name)) continue;
    const t0 = Date.now();
    console.log(`▶ ${name}`);
    rows.push(...(await scenario()).map((r) => ({ ...r, ours: round(r.ours), baseline: r.baseline === undefined ? undefined : round(r.baseline) })));
    console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      measure: r.measure,
      ours: r.ours,
      baseline: r.baseline ?? '',
      unit: r.unit,
      target: r.target ?? '',
      met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    })),
  );
  const root = path.resolve(__dirname, '..');
  const commit = (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      // The bench's own code uncommitted: the figures are not that commit's alone.
      const edited = execFileSync('git', ['status', '--porcelain', '--', 'bench', 'src', ':!bench/results.json'], { cwd: root, encoding: 'utf8' }).trim();
      return edited ? `${head} with uncommitted changes` : head;
    } catch {
      return 'unknown';
    }
  })();
  const results = {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    rows,
  };
  if (only.length === 0) {
    fs.writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeReport(root, results);
    console.log('Wrote bench/results.json, docs/performance.md and docs/performance.svg.');
  }
  const missed = rows.filter((r) => r.met === false);
  console.log(missed.length ? `${missed.length} target(s) missed: ${missed.map((r) => `${r.scenario}: ${r.measure}`).join('; ')}` : 'Every target holds.');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
