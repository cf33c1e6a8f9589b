// A real HTTP server on 127.0.0.1 that plays Fabric from a script: each route answers its scripted
// replies in turn (the last one repeats) and every request is recorded for the test to inspect.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path without the `/v1` prefix, e.g. `/workspaces`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a string. */
  body?: unknown;
  /** Drop the connection without answering. */
  destroy?: boolean;
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  hang?: boolean;
}

export type Answer = Reply | ((request: RecordedRequest) => Reply);

interface Route {
  method: string;
  path: string | RegExp;
  answers: Answer[];
}

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private origin = '';

  /** Scripts `method path` (exact path or pattern, without `/v1`). */
  on(method: string, path: string | RegExp, ...answers: Answer[]): this {
    this.routes.push({ method, path, answers });
    return this;
  }

  /** Forgets the routes and the recorded requests. */
  reset(): void {
    this.routes.length = 0;
    this.requests.length = 0;
  }

  /** Starts listening; resolves to the base URL (`http://127.0.0.1:port/v1`). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.origin}/v1`;
  }

  get baseUrl(): string {
    return `${this.origin}/v1`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The recorded requests to `method path` (exact path or pattern). */
  calls(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && matches(path, r.path));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.origin);
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.replace(/^\/v1/, ''),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(request);
      const route = this.routes.find((r) => r.method === request.method && matches(r.path, request.path));
      const answer = route
        ? route.answers.length > 1
          ? route.answers.shift()!
          : route.answers[0]!
        : { status: 404, body: { errorCode: 'EntityNotFound', message: `No route ${request.path}` } };
      const reply = typeof answer === 'function' ? answer(request) : answer;
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      if (reply.hang) return;
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { ...(text ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(text);
    });
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

/** A 202 that starts long-running operation `id`. */
export function accepted(server: ScriptedServer, id: string, retryAfter = '0'): Reply {
  return { status: 202, headers: { location: `${server.baseUrl}/operations/${id}`, 'x-ms-operation-id': id, 'retry-after': retryAfter } };
}

/** The state of operation `id`; on success with a result, Location points at /result. */
export function operationState(server: ScriptedServer, id: string, status: string, extra: { error?: unknown; withResult?: boolean } = {}): Reply {
  const location = extra.withResult ? `${server.baseUrl}/operations/${id}/result` : undefined;
  return {
    status: 200,
    headers: location ? { location } : {},
    body: { status, percentComplete: status === 'Succeeded' ? 100 : 50, ...(extra.error ? { error: extra.error } : {}) },
  };
}

/** Gives each test of the calling suite a fresh, started server, closed after the test. */
export function useScriptedServer(set: (server: ScriptedServer) => void): void {
  let current: ScriptedServer;
  beforeEach(async () => {
    current = new ScriptedServer();
    await current.start();
    set(current);
  });
  afterEach(() => current.close());
}
