// A pass-through proxy in front of the emulator that says Retry-After: N on every answer that
// carries one (the long-running operations' 202s and their Running states), where the emulator
// says 1 s and Fabric's own examples say 30 s. The client's Host header is passed on, so the
// Locations the emulator writes point back at the proxy.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RetryAfterProxy {
  baseUrl: string;
  /** The requests that went through, in order: path and when (performance.now()). */
  requests: { path: string; at: number }[];
  close(): Promise<void>;
}

export async function retryAfterProxy(emulatorUrl: string, retryAfterSeconds: number): Promise<RetryAfterProxy> {
  const target = new URL(emulatorUrl);
  const requests: RetryAfterProxy['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', at: performance.now() });
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers };
      if (headers['retry-after'] !== undefined && (answer.statusCode ?? 500) < 400) headers['retry-after'] = String(retryAfterSeconds);
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
