import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, startTestEmulator, stopTestEmulators } from './emulatorHarness';
import { exchange, openRaw } from './rawHttp';

describe('emulator protocol robustness', () => {
  let emulator: Emulator;
  /** The same limits with the usual idle timeout, for streaming a body: on a loaded machine a pause of 300 ms between chunks answers 408. */
  let patient: Emulator;
  let host: string;

  before(async () => {
    emulator = await startTestEmulator({ sample: false, maxBodyBytes: 1024 * 1024, idleTimeoutMs: 300 });
    patient = await startTestEmulator({ sample: false, maxBodyBytes: 1024 * 1024 });
    host = `127.0.0.1:${emulator.port}`;
  });
  after(stopTestEmulators);

  const request = (head: string, body = '') => `${head}\r\n${body}`;
  const get = (target: string, headers = '') => request(`GET ${target} HTTP/1.1\r\nHost: HOST\r\n${headers}`);
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const shapes: [string, () => string | Buffer][] = [
    ['an empty path segment target "//"', () => get('//')],
    ['an absolute-form target with a broken IPv6 host "http://[/"', () => get('http://[/')],
    ['an absolute-form target with an out-of-range port', () => get('http://x:99999/')],
    ['an absolute-form target', () => get(`http://${host}/v1/workspaces`, `Authorization: Bearer ${emulator.token}\r\n`)],
    ['the asterisk target', () => request('OPTIONS * HTTP/1.1\r\nHost: HOST\r\n')],
    ['bad percent-encoding in a path parameter', () => get('/v1/workspaces/%E0%A4%A', `Authorization: Bearer ${emulator.token}\r\n`)],
    ['a target of 20 KB', () => get(`/v1/${'a'.repeat(20_000)}`)],
    ['HTTP/1.0 without a Host', () => request('GET /v1/workspaces HTTP/1.0\r\n')],
    ['HTTP/1.1 without a Host', () => request('GET /v1/workspaces HTTP/1.1\r\n')],
    ['an HTTP/2 preface', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04\x00\x00\x00\x00\x00'],
    [
      'Content-Length and Transfer-Encoding together',
      () => request('POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    ],
    ['two different Content-Lengths', () => request('POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nContent-Length: 2\r\nContent-Length: 3\r\n', '{}')],
    ['a header of 20 KB', () => get('/v1/workspaces', `X-Big: ${'b'.repeat(20_000)}\r\n`)],
    ['a 20 KB bearer token', () => get('/v1/workspaces', `Authorization: Bearer ${'t'.repeat(20_000)}\r\n`)],
    ['bad chunked encoding', () => request('POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n')],
    [
      'a Content-Length longer than the body',
      () => request(`POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nAuthorization: Bearer ${emulator.token}\r\nContent-Length: 100\r\n`, '{"displayName"'),
    ],
    ['a header without a colon', () => get('/v1/workspaces', 'NoColonHere\r\n')],
    ['a NUL in a header value', () => get('/v1/workspaces', 'X-Nul: a\x00b\r\n')],
    ['binary garbage', () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256))],
    ['a method that does not exist', () => request('BREW /v1/workspaces HTTP/1.1\r\nHost: HOST\r\n')],
    [
      'a body that is JSON 100,000 levels deep',
      () => {
        const body = deep(100_000);
        return request(
          `POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nAuthorization: Bearer ${emulator.token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n`,
          body,
        );
      },
    ],
    [
      'a body that is not UTF-8',
      () => request(`POST /v1/workspaces HTTP/1.1\r\nHost: HOST\r\nAuthorization: Bearer ${emulator.token}\r\nContent-Length: 4\r\n`, '\xff\xfe\xfd\xfc'),
    ],
  ];

  for (const [name, bytes] of shapes) {
    it(`survives ${name} and still answers a normal request`, async () => {
      const payload = bytes();
      const answer = await exchange(emulator.port, typeof payload === 'string' ? Buffer.from(payload.replaceAll('HOST', host), 'latin1') : payload);
      if (answer) assert.match(answer, /^HTTP\/1\.[01] \d{3} /, 'whatever it answers is an HTTP answer');
      assert.doesNotMatch(answer, /^HTTP\/1\.[01] 5\d\d /, "a malformed request is the client's error, not the server's");
      const normal = await call(emulator, 'GET', '/workspaces');
      assert.equal(normal.status, 200);
    });
  }

  it('answers 400 InvalidRequest to a target that is not a URL rather than crashing', async () => {
    for (const target of ['http://[/', 'http://x:99999/']) {
      const answer = await exchange(emulator.port, get(target, `Authorization: Bearer ${emulator.token}\r\n`).replace('HOST', host));
      assert.match(answer, /^HTTP\/1\.1 400 /, target);
      assert.match(answer, /"errorCode":"InvalidRequest"/, target);
    }
  });

  it('answers 404 to the target "//" rather than crashing', async () => {
    const answer = await exchange(emulator.port, get('//', `Authorization: Bearer ${emulator.token}\r\n`).replace('HOST', host));
    assert.match(answer, /^HTTP\/1\.1 404 /);
    assert.match(answer, /"errorCode":"EntityNotFound"/);
  });

  it('refuses a declared body over the limit with 413 before reading it, and closes the connection', async () => {
    const raw = await openRaw(emulator.port);
    raw.socket.write(
      `POST /v1/workspaces HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${emulator.token}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{"displayName":`,
    );
    const answer = await raw.waitFor(/\r\n\r\n\{.*\}$/s);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /x-ms-public-api-error-code: RequestBodyTooLarge/i);
    assert.match(answer, /"errorCode":"RequestBodyTooLarge"/);
    assert.match(answer, /connection: close/i);
    await raw.closed;
  });

  it('refuses a chunked body once it passes the limit, without waiting for its end', async () => {
    const raw = await openRaw(patient.port);
    raw.socket.write(
      `POST /v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1:${patient.port}\r\nAuthorization: Bearer ${patient.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (!/\r\n\r\n/.test(raw.received()) && !raw.socket.destroyed && sent < 4 * 1024 * 1024) {
      await new Promise<void>((resolve) => raw.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`, () => resolve()));
      sent += chunk.length;
    }
    const answer = await raw.waitFor(/\r\n\r\n\{.*\}$/s);
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.ok(sent < 4 * 1024 * 1024, 'answered before the client stopped sending');
    await raw.closed;
    assert.equal((await call(patient, 'GET', '/workspaces')).body.value.length, 0, 'nothing was created');
  });

  it('reads a body just under the limit', async () => {
    const answer = await call(patient, 'POST', '/workspaces', { displayName: 'Under the limit', padding: 'p'.repeat(1024 * 1024 - 100) });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it('closes a connection that never sends a byte', async () => {
    const raw = await openRaw(emulator.port);
    await raw.closed;
    // The idle socket's timeout and Node's header deadline race: closed silently, or with a 408.
    assert.match(raw.received(), /^(HTTP\/1\.1 408 Request Timeout\r\n[^]*)?$/);
  });

  it('closes a connection that sends half a request and stops', async () => {
    const raw = await openRaw(emulator.port);
    raw.socket.write(`GET /v1/workspaces HTTP/1.1\r\nHost: ${host}\r\n`);
    await raw.closed;
  });
});
