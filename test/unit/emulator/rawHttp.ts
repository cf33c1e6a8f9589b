// Raw TCP exchanges with the emulator, for requests fetch refuses to send (malformed targets and
// headers, HTTP/2 prefaces, conflicting lengths) and for watching what the server does to a socket.
import { connect, type Socket } from 'node:net';

export interface RawExchange {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves once the server has sent something matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves once the socket is closed (by either side). */
  closed: Promise<void>;
}

export async function openRaw(port: number): Promise<RawExchange> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  const listeners = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const listener of listeners) listener();
  });
  socket.on('error', () => undefined); // resets are an outcome the tests look at, not a failure
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(text)) return;
        listeners.delete(check);
        resolve(text);
      };
      listeners.add(check);
      check();
      void closed.then(() => {
        if (listeners.delete(check)) reject(new Error(`The connection closed before ${pattern} arrived; received:\n${text}`));
      });
    });
  return { socket, received: () => text, waitFor, closed };
}

/** Sends `bytes`, half-closes, and resolves with what the server sent once it closed the connection. */
export async function exchange(port: number, bytes: string | Buffer): Promise<string> {
  const raw = await openRaw(port);
  raw.socket.end(bytes);
  await raw.closed;
  return raw.received();
}
