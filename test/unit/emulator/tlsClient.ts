// Calls an emulator over HTTPS (or HTTP) with node:https, trusting only the CA it is given, the
// way a client configured with the emulator's ca.pem does.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Json } from './emulatorHarness';

export interface TlsAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Json;
}

export interface TlsCallOptions {
  /** PEM of the only CA trusted (HTTPS). */
  ca?: Buffer | string;
  token?: string;
  body?: unknown;
  /** Extra or replacing headers (e.g. Host). */
  headers?: Record<string, string>;
}

export function tlsCall(method: string, url: string, options: TlsCallOptions = {}): Promise<TlsAnswer> {
  const text = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    ...(text ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) } : {}),
    ...options.headers,
  };
  const target = new URL(url);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // A fresh agent each call: no connection (or TLS session) reused across tests.
    const agent = target.protocol === 'https:' ? new https.Agent({ ca: options.ca, keepAlive: false }) : undefined;
    const req = send(target, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw ? JSON.parse(raw) : undefined });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}
