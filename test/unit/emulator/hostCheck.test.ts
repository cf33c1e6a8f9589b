import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Emulator } from '../../../src/emulator';
import { isServedHost } from '../../../src/emulator/servedHost';
import { startTestEmulator, stopTestEmulators, type Answer } from './emulatorHarness';

/** A request with the right token and the given `Host` header, as a DNS-rebinding page sends it. */
function requestWithHost(emulator: Emulator, host: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${emulator.baseUrl}/workspaces`,
      { method: 'POST', headers: { Host: host, Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: new Headers(response.headers as Record<string, string>),
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ displayName: `From ${host} ${randomUUID()}` }));
  });
}

describe('emulator Host check (DNS rebinding)', () => {
  let emulator: Emulator;

  before(async () => {
    emulator = await startTestEmulator({ sample: false });
  });
  after(stopTestEmulators);

  for (const host of ['attacker.example', 'attacker.example:PORT', 'localhost.attacker.example:PORT', '127.0.0.1.nip.io:PORT']) {
    it(`refuses a request whose Host is ${host}, even with the right token, with 421 in the ErrorResponse shape`, async () => {
      const answer = await requestWithHost(emulator, host.replace('PORT', String(emulator.port)));
      assert.equal(answer.status, 421);
      assert.equal(answer.body.errorCode, 'MisdirectedRequest');
      assert.equal(answer.headers.get('x-ms-public-api-error-code'), 'MisdirectedRequest');
      assert.match(answer.body.requestId, /^[0-9a-f-]{36}$/);
    });
  }

  it('creates nothing for a refused request', async () => {
    await requestWithHost(emulator, `attacker.example:${emulator.port}`);
    const list = await requestWithHostGet(emulator);
    assert.deepEqual(
      list.value.filter((w: { displayName: string }) => w.displayName.includes('attacker')),
      [],
    );
  });

  for (const host of ['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST:PORT', '[::1]:PORT', '127.0.0.1']) {
    it(`serves a request whose Host is ${host}`, async () => {
      const answer = await requestWithHost(emulator, host.replace('PORT', String(emulator.port)));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    });
  }

  it('serves the name it was told to bind, besides loopback names and IP literals', () => {
    assert.equal(isServedHost('devbox.lan:5015', 'devbox.lan'), true);
    assert.equal(isServedHost('DevBox.lan.:5015', 'devbox.lan'), true);
    assert.equal(isServedHost('10.0.0.7:5015', '0.0.0.0'), true);
    assert.equal(isServedHost('[fe80::1]:5015', '::'), true);
    assert.equal(isServedHost('devbox.lan:5015', '127.0.0.1'), false);
    assert.equal(isServedHost(undefined, '127.0.0.1'), false);
    assert.equal(isServedHost('', '127.0.0.1'), false);
    assert.equal(isServedHost('127.0.0.1:5015@attacker.example', '127.0.0.1'), false);
  });
});

function requestWithHostGet(emulator: Emulator): Promise<{ value: { displayName: string }[] }> {
  return fetch(`${emulator.baseUrl}/workspaces`, { headers: { Authorization: `Bearer ${emulator.token}` } }).then(
    (r) => r.json() as Promise<{ value: { displayName: string }[] }>,
  );
}
