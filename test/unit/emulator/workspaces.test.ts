import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { Emulator } from '../../../src/emulator';
import { call, startTestEmulator, stopTestEmulators, type Json } from './emulatorHarness';

/** A GET sent with another Host header, as a client behind a proxy or a port forward would. */
function getWithHost(emulator: Emulator, path: string, host: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${emulator.baseUrl}${path}`, { headers: { Host: host, Authorization: `Bearer ${emulator.token}` } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text)));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('emulator workspaces', () => {
  let emulator: Emulator;
  const created: string[] = [];

  before(async () => {
    emulator = await startTestEmulator({ pageSize: 2, sample: false });
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']) {
      const answer = await call(emulator, 'POST', '/workspaces', { displayName: name, description: `${name} things` });
      assert.equal(answer.status, 201);
      created.push(answer.body.id);
    }
  });
  after(stopTestEmulators);

  it('pages the list by continuationUri with no record skipped or repeated; the last page has neither paging field', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let page = (await call(emulator, 'GET', '/workspaces')).body;
    for (;;) {
      sizes.push(page.value.length);
      seen.push(...page.value.map((w: Json) => w.id));
      if (!page.continuationUri) break;
      assert.equal(typeof page.continuationToken, 'string');
      assert.ok(page.continuationUri.startsWith(`${emulator.baseUrl}/workspaces?`), page.continuationUri);
      assert.equal(new URL(page.continuationUri).searchParams.get('continuationToken'), page.continuationToken);
      page = (await call(emulator, 'GET', page.continuationUri)).body;
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.equal('continuationToken' in page, false);
    assert.deepEqual([...seen].sort(), [...created].sort());
  });

  it('builds continuationUri from the host:port the request came in on', async () => {
    const page = await getWithHost(emulator, '/workspaces', 'localhost:8443');
    assert.ok(page.continuationUri.startsWith('http://localhost:8443/v1/workspaces?'), page.continuationUri);
  });

  it('keeps the roles filter in continuationUri', async () => {
    const page = (await call(emulator, 'GET', '/workspaces?roles=Admin')).body;
    assert.equal(new URL(page.continuationUri).searchParams.get('roles'), 'Admin');
  });

  it('filters by role: the caller is Admin of every workspace', async () => {
    const admin = await call(emulator, 'GET', '/workspaces?roles=Admin,Viewer');
    assert.equal(admin.status, 200);
    assert.equal(admin.body.value.length, 2);
    const viewer = await call(emulator, 'GET', '/workspaces?roles=Viewer,Member');
    assert.deepEqual(viewer.body, { value: [] });
  });

  it('refuses an unknown role with 400 InvalidParameter', async () => {
    const answer = await call(emulator, 'GET', '/workspaces?roles=Admin,Owner');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidParameter');
    assert.match(answer.body.message, /Owner/);
  });

  // %%% and a space decode to no offset at all, 'MWUz' to "1e3", 'LTA' to "-0", 'IDE' to " 1": none is an offset it issues.
  for (const token of ['not-a-token', '%25%25%25', '%20', 'MWUz', 'LTA', 'IDE']) {
    it(`refuses a continuation token it did not issue: ${decodeURIComponent(token)}`, async () => {
      const answer = await call(emulator, 'GET', `/workspaces?continuationToken=${token}`);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.errorCode, 'InvalidContinuationToken');
    });
  }

  it('creates, gets, renames and deletes a workspace', async () => {
    const createdAnswer = await call(emulator, 'POST', '/workspaces', { displayName: 'Scratch' });
    assert.equal(createdAnswer.status, 201);
    const { id } = createdAnswer.body;
    assert.equal(createdAnswer.body.displayName, 'Scratch');
    assert.equal(createdAnswer.body.type, 'Workspace');

    const got = await call(emulator, 'GET', `/workspaces/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.displayName, 'Scratch');

    const patched = await call(emulator, 'PATCH', `/workspaces/${id}`, { displayName: 'Scratch 2', description: 'renamed' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, 'Scratch 2');
    assert.equal((await call(emulator, 'GET', `/workspaces/${id}`)).body.description, 'renamed');

    const deleted = await call(emulator, 'DELETE', `/workspaces/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body, undefined);
    const gone = await call(emulator, 'GET', `/workspaces/${id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errorCode, 'WorkspaceNotFound');
  });

  it('answers 409 WorkspaceNameAlreadyExists to a taken name, whatever its case, on create and rename', async () => {
    const create = await call(emulator, 'POST', '/workspaces', { displayName: 'alpha' });
    assert.equal(create.status, 409);
    assert.equal(create.body.errorCode, 'WorkspaceNameAlreadyExists');
    const rename = await call(emulator, 'PATCH', `/workspaces/${created[1]}`, { displayName: 'ALPHA' });
    assert.equal(rename.status, 409);
    assert.equal((await call(emulator, 'GET', `/workspaces/${created[1]}`)).body.displayName, 'Beta');
  });

  it('refuses a workspace without a name', async () => {
    const answer = await call(emulator, 'POST', '/workspaces', { description: 'nameless' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidInput');
  });

  it('answers 404 EntityNotFound to an unknown route and to a path outside /v1', async () => {
    for (const path of [`${emulator.baseUrl}/workspaces/${created[0]}/gadgets`, `${emulator.url}/workspaces`]) {
      const answer = await call(emulator, 'GET', path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.errorCode, 'EntityNotFound');
      assert.equal(answer.headers.get('x-ms-public-api-error-code'), 'EntityNotFound');
    }
  });

  it('answers 405 to a known path with a method it does not take, with the Allow header HTTP requires', async () => {
    const answer = await call(emulator, 'PUT', '/workspaces');
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('allow'), 'GET, POST');
    assert.equal(answer.body.errorCode, 'MethodNotAllowed');
    const item = await call(emulator, 'PUT', `/workspaces/${randomUUID()}/items/${randomUUID()}`);
    assert.equal(item.headers.get('allow'), 'GET, PATCH, DELETE');
  });
});
