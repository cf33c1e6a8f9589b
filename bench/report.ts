// docs/performance.md and its chart (an SVG of our own: how many times better than the naive way).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Row } from './harness';

export interface Results {
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; loadAverage?: { start: number; end: number } };
  durationSeconds: number;
  rows: Row[];
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rows where lower is better and both sides are measured: the factor we gain. */
function gains(rows: Row[]): { label: string; factor: number }[] {
  return rows
    .filter((r) => r.baseline !== undefined && r.baseline > 0 && r.ours > 0 && !/items|jobs|polls\/s/.test(r.unit))
    .map((r) => ({ label: `${shortScenario(r.scenario)}: ${r.measure}`, factor: r.baseline! / r.ours }));
}

/** "Job status latency (50 jobs, …, one notebook)" → "Job status latency [one notebook]": what tells rows apart. */
function shortScenario(scenario: string): string {
  const match = /^(.*) \(([^)]*)\)$/.exec(scenario);
  if (!match) return scenario;
  const parts = match[2]!.split(',');
  return parts.length > 2 ? `${match[1]} [${parts.at(-1)!.trim()}]` : match[1]!;
}

function chart(rows: Row[]): string {
  const bars = gains(rows);
  const width = 980;
  const barArea = 330;
  const rowHeight = 26;
  const height = 50 + bars.length * rowHeight;
  const maxLog = Math.max(1, ...bars.map((b) => Math.log10(Math.max(1, b.factor))));
  const scale = (factor: number) => (Math.log10(Math.max(1, factor)) / maxLog) * (barArea - 50);
  const lines = bars.map((b, i) => {
    const y = 40 + i * rowHeight;
    const w = Math.max(2, scale(b.factor));
    const color = b.factor >= 1 ? '#2e7d32' : '#c62828';
    return (
      `<text x="${width - barArea - 10}" y="${y + 14}" text-anchor="end" font-size="12">${escapeXml(b.label)}</text>` +
      `<rect x="${width - barArea}" y="${y}" width="${w.toFixed(1)}" height="18" fill="${color}"/>` +
      `<text x="${width - barArea + w + 6}" y="${y + 14}" font-size="12">${b.factor >= 10 ? b.factor.toFixed(0) : b.factor.toFixed(1)}×</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="10" y="22" font-size="15" font-weight="bold">Fabric Workbench against the naive way (times better; log scale)</text>` +
    lines.join('') +
    '</svg>\n'
  );
}

/** A measure's "(baseline: …)" (tool names hold parentheses too): where it starts and ends. */
function baselineSpan(measure: string): { start: number; end: number } | undefined {
  const start = measure.indexOf(' (baseline: ');
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = start + 1; i < measure.length; i++) {
    if (measure[i] === '(') depth++;
    if (measure[i] === ')' && --depth === 0) return { start, end: i + 1 };
  }
  return undefined;
}

/** Whom a row measures us against: the tool its measure names, else what its baseline is. */
function against(row: Row): string {
  const span = baselineSpan(row.measure);
  if (span) return row.measure.slice(span.start + ' (baseline: '.length, span.end - 1);
  return row.baseline === undefined ? 'no competitor: a target of our own' : 'the naive way (bench/README.md)';
}

/** The measure without its "(baseline: …)", which the "measured against" column shows. */
function measureOf(row: Row): string {
  const span = baselineSpan(row.measure);
  return span ? row.measure.slice(0, span.start) + row.measure.slice(span.end) : row.measure;
}

function cell(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function writeReport(root: string, results: Results): void {
  fs.writeFileSync(path.join(root, 'docs/performance.svg'), chart(results.rows));
  const table = results.rows.map(
    (r) =>
      `| ${r.scenario} | ${measureOf(r)} | ${against(r)} | ${cell(r.ours)} | ${cell(r.baseline)} | ${r.unit} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
  );
  const load = results.machine.loadAverage;
  const missed = results.rows.filter((r) => r.met === false);
  const md = `# Performance

The last full run of \`npm run bench\` (\`bench/results.json\`; how each scenario works:
[bench/README.md](../bench/README.md)). Every scenario runs the project's real code against the
local emulator with 40 ms added to each round trip, beside the other Fabric tools' strategies
(\`bench/competitors.ts\`: Fabric Studio, Microsoft's vscode-fabric, fab, fabric-cicd, Databricks'
extension), run in the same process against the same emulator; each row names the one it is
measured against.

- Date: ${results.date}, commit \`${results.commit}\`, ${results.durationSeconds} s in all
- Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGb} GB, Node ${results.machine.node}, ${results.machine.platform}${load ? `; load average ${load.start.toFixed(1)} at the start, ${load.end.toFixed(1)} at the end${load.start > results.machine.cores || load.end > results.machine.cores ? ' (the machine was shared with other work: absolute times are inflated, ratios within a run less so)' : ''}` : ''}
- Targets: ${missed.length === 0 ? 'every target holds.' : `${missed.length} missed: ${missed.map((r) => `${r.scenario}: ${r.measure}`).join('; ')}.`}

![How many times better than the naive way](performance.svg)

| scenario | measure | measured against | ours | baseline | unit | target | met |
|---|---|---|---|---|---|---|---|
${table.join('\n')}

Reading the figures:
- Jobs: the job monitor places its status checks where each run is likely to end, from the item's
  recent run times (which the job lists it reads anyway carry), and follows the Spark runs of a
  workspace's notebooks with one Livy sessions call; per item (the "per item" rows: as for
  pipelines, or a tenant without Livy sessions) one list call answers for all of an item's runs.
  A run that outlives every run time its item had is overdue: its checks start over as for a new
  job. All its checks share 150 calls a minute (the Job Scheduler allows 200), the reads of the
  outcomes included: while the last minute used little of them, checks come faster (ten short runs
  started together), a wait for an expected end is never stretched past it, and the share of an
  item whose runs ended goes to the others at once. The other tools poll each run on its own, and the rows say when their busiest
  minute went over 200 (where Fabric would answer 429). The emulator forks each notebook run from
  one warm Python process (about 50 ms of CPU a run here, where a Python start-up through pyenv's
  shim costs 0.6 s), but 50 runs started at once still queue for 2 cores: the run-time rows show
  what that made of the intended times, and how many runs their notebook's earlier runs could not
  foresee. With 10 items that all end where nothing foresaw, the per-item
  checks cannot all come within 2 s at 150 calls a minute (10 lists every 2 s is 300).
- The submission's Retry-After (60 s) is a floor for a job's first check only up to what costs no
  notice: the spacing the quota imposes anyway, or, when the item's history says no run of it
  ended sooner, the start of its earliest expected end. A job that may be short is checked within
  0.5 s; one whose runs take ten minutes waits the full Retry-After. Following Retry-After
  everywhere (fab) notices a run of a few seconds a minute late.
- The emulator's operations ask for Retry-After: 1 s; the 30 s rows put a proxy in front of it that
  says 30 s, as Fabric's examples do. "Noticed after" counts from the operation's end to the caller
  holding the definition, so it includes the result's round trip (40 ms here).
`;
  fs.writeFileSync(path.join(root, 'docs/performance.md'), md);
}
