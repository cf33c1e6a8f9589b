// Tokens never reach a person or a log, whatever form a server echoes them in, and masking stays
// linear in the text's length.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { FabricError, maskSecrets, StaticTokenProvider } from '../../../src/fabric';
import { accepted, operationState, ScriptedServer, useScriptedServer } from './scriptedServer';
import { TEST_TOKEN, testClient } from './testClient';

/** An opaque (not JWT-shaped) token holding a `/`, as base64 tokens do. */
const OPAQUE_TOKEN = 'opaque+token/with/slashes0123';
/** JSON string escapes a server may use: `\/` for every slash, `\u0065` for an `e`. */
const escapeSlashes = (text: string) => text.replace(/\//g, '\\/');
const escapeEs = (text: string) => text.replace(/e/g, '\\u0065');

function assertNoToken(texts: unknown[], token: string): void {
  const everything = texts.map((t) => (typeof t === 'string' ? t : inspect(t, { depth: 10, showHidden: true }))).join('\n');
  assert.ok(!everything.includes(token), everything);
}

describe('masking', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('masks a JWT and a remembered token written with JSON escapes, after decoding them', () => {
    for (const escaped of [escapeEs(TEST_TOKEN), `\\\\u0065${TEST_TOKEN.slice(1)}`, escapeSlashes(OPAQUE_TOKEN), escapeEs(OPAQUE_TOKEN)]) {
      const masked = maskSecrets(`{"message":"echo ${escaped}"}`, [OPAQUE_TOKEN]);
      assert.equal(masked, '{"message":"echo ***"}');
    }
    // Text that holds no secret is left as it was, escapes included.
    assert.equal(maskSecrets('{"path":"a\\/b","e":"\\u0065"}'), '{"path":"a\\/b","e":"\\u0065"}');
  });

  it('masks the tokens a server echoes escaped in an error body', async () => {
    server.on('GET', '/workspaces/ws', (request) => {
      const echoed = String(request.headers.authorization);
      const body = `{"errorCode":"InvalidInput","message":"Bad header: ${escapeEs(echoed)}","requestId":"rq-1","moreDetails":[{"errorCode":"Echo","message":"token=${escapeSlashes(echoed.slice(7))}"}]}`;
      return { status: 400, body };
    });
    for (const token of [TEST_TOKEN, OPAQUE_TOKEN]) {
      const { client, logs } = testClient(server.baseUrl, { tokenProvider: new StaticTokenProvider(token) });
      const error = await client.getWorkspace('ws').then(
        () => assert.fail('expected a failure'),
        (e: unknown) => e as FabricError,
      );
      assert.equal(error.errorCode, 'InvalidInput');
      assertNoToken([error, error.message, error.userMessage, error.stack, JSON.stringify(error.moreDetails), ...logs], token);
      assert.match(error.message, /Bad header: (Bearer )?\*\*\*/);
    }
  });

  it('masks the error of a failed long-running operation', async () => {
    server.on('POST', '/workspaces/ws/items/it1/updateDefinition', accepted(server, 'op1')).on(
      'GET',
      '/operations/op1',
      operationState(server, 'op1', 'Failed', {
        error: { errorCode: 'Echo', message: `token ${OPAQUE_TOKEN}`, moreDetails: [{ errorCode: 'Jwt', message: TEST_TOKEN }] },
      }),
    );
    const { client, logs } = testClient(server.baseUrl, { tokenProvider: new StaticTokenProvider(OPAQUE_TOKEN) });
    const error = await client.updateDefinition('ws', 'it1', { parts: [] }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e as FabricError,
    );
    assert.equal(error.errorCode, 'Echo');
    assertNoToken([error, error.userMessage, ...logs], OPAQUE_TOKEN);
    assertNoToken([error], TEST_TOKEN);
  });

  it('masks a megabyte in linear time, however JWT-like it looks', () => {
    // Each `eyJ` after a `-` starts a candidate JWT; the old regex rescanned the rest of the run
    // from every one of them (a 64 KB run took 4.5 s, a megabyte would take about twenty minutes).
    const megabyte = 'eyJ-'.repeat(256 * 1024);
    assert.equal(maskSecrets(megabyte), megabyte);
    assert.equal(maskSecrets(`${megabyte} ${TEST_TOKEN} ${megabyte}`), `${megabyte} *** ${megabyte}`);
    // A megabyte of backslashes: none starts an escape, nothing changes.
    const backslashes = '\\'.repeat(1024 * 1024);
    assert.equal(maskSecrets(backslashes), backslashes);
  });
});
