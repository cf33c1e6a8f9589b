// The pages a notebook run's monitoring links open (`computeDetails.monitoringInfo`): the run's
// captured output as its "driver log" (or, off Spark, its execution snapshot) and a Spark UI
// stand-in with the run's status. A browser opens them without the bearer token, so each link
// carries a capability: an HMAC of its path under a key derived from the emulator's token. A link
// opens its one page of its one run; a tampered, foreign or unsigned one is answered 404 like a
// path that does not exist, and no other path becomes reachable without the token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotebookMonitoringInfo } from '../fabric/types';
import { ApiError } from './apiError';
import type { Store, StoredJob } from './store';

const PREFIX = '/monitoring/';
const PAGES = ['driverlog', 'sparkui'] as const;
type Page = (typeof PAGES)[number];

export interface PageReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class MonitoringPages {
  private readonly key: Buffer;

  constructor(
    private readonly store: Store,
    token: string,
  ) {
    // Derived, not random: links a client kept still open after the emulator restarts.
    this.key = createHmac('sha256', token).update('fabric-workbench monitoring links').digest();
  }

  /** The run's links, on the origin the client called (Spark runs get the Spark UI stand-in too). */
  linksOf(origin: string, job: StoredJob, compute: string): NotebookMonitoringInfo {
    const log = this.url(origin, job.id, 'driverlog');
    return compute === 'Spark' ? { sparkUiUrl: this.url(origin, job.id, 'sparkui'), driverLogUrl: log } : { executionSnapshotUrl: log };
  }

  /** Answers a monitoring path, or undefined for any other path (the API's own checks apply to it). */
  serve(method: string, url: URL): PageReply | undefined {
    if (!url.pathname.startsWith(PREFIX)) return undefined;
    const [jobId, page, ...rest] = url.pathname.slice(PREFIX.length).split('/');
    const job = jobId ? this.store.job(jobId) : undefined;
    if (rest.length || !isPage(page) || !job || !this.signed(url.pathname, url.searchParams.get('sig') ?? '')) {
      throw new ApiError(404, 'EntityNotFound', `No page at ${url.pathname}, or its link is not valid.`);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}.`);
    const item = this.store.item(job.workspaceId, job.itemId);
    const title = `${item?.displayName ?? job.itemId} · run ${job.id}`;
    return page === 'driverlog' ? html(`Driver log · ${title}`, driverLog(job)) : html(`Spark UI · ${title}`, sparkUi(job, this.url('', job.id, 'driverlog')));
  }

  private url(origin: string, jobId: string, page: Page): string {
    const path = `${PREFIX}${jobId}/${page}`;
    return `${origin}${path}?sig=${this.signature(path)}`;
  }

  private signature(path: string): string {
    return createHmac('sha256', this.key).update(path).digest('base64url');
  }

  private signed(path: string, sent: string): boolean {
    const expected = Buffer.from(this.signature(path));
    const given = Buffer.from(sent);
    // A signature's length is public (base64url of 32 bytes); its content is compared in constant time.
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function isPage(page: string | undefined): page is Page {
  return (PAGES as readonly (string | undefined)[]).includes(page);
}

/** Everything shown is escaped: the output and names are the user's. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function driverLog(job: StoredJob): string {
  const ended = job.failureReason ? `\n<h2>Failure</h2>\n<pre>${escapeHtml(job.failureReason.message)}</pre>` : '';
  const output = job.output ? escapeHtml(job.output) : job.status === 'InProgress' || job.status === 'NotStarted' ? '(still running)' : '(no output)';
  return `<p>Status: ${escapeHtml(job.status)}</p>\n<h2>Output (stdout and stderr of its cells, in order)</h2>\n<pre>${output}</pre>${ended}`;
}

function sparkUi(job: StoredJob, driverLogPath: string): string {
  const rows = [
    ['Status', job.status],
    ['Job instance', job.id],
    ['Started', job.startTimeUtc ?? 'not yet'],
    ['Ended', job.endTimeUtc ?? ''],
  ];
  const table = rows.map(([name, value]) => `<tr><th>${escapeHtml(name!)}</th><td>${escapeHtml(value!)}</td></tr>`).join('\n');
  return `<p>The local emulator runs notebooks in Python, without Spark: this page stands in for the Spark UI.</p>\n<table>\n${table}\n</table>\n<p><a href="${escapeHtml(driverLogPath)}">Driver log</a></p>`;
}

function html(title: string, content: string): PageReply {
  const body = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${content}\n</body></html>\n`;
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // No script, style or frame runs on these pages, whatever the output holds.
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
    body,
  };
}
