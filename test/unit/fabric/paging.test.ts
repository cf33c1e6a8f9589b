import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RateLimiter } from '../../../src/fabric';
import type { RecordedRequest } from './scriptedServer';
import { ScriptedServer, useScriptedServer } from './scriptedServer';
import { collect, testClient } from './testClient';

type Continuation = 'token' | 'uri' | 'both';

/** Answers `/workspaces` from `total` workspaces, `pageSize` a page, continuing the way `mode` says. */
function pagedWorkspaces(server: ScriptedServer, total: number, pageSize: number, mode: Continuation) {
  return (request: RecordedRequest) => {
    const start = Number(request.query.get('continuationToken') ?? '0');
    const value = Array.from({ length: Math.min(pageSize, total - start) }, (_, i) => ({ id: `w${start + i}`, displayName: `W${start + i}`, description: '' }));
    const next = start + pageSize < total ? String(start + pageSize) : undefined;
    const uri = next && `${server.baseUrl}/workspaces?continuationToken=${next}`;
    const body = { value, ...(next && mode !== 'uri' ? { continuationToken: next } : {}), ...(uri && mode !== 'token' ? { continuationUri: uri } : {}) };
    return { body };
  };
}

describe('paging', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  it('yields every entry once, in order, whatever the page size and continuation style', async () => {
    // Hundreds of pages: more than the default quota of 200 calls a minute.
    const { client } = testClient(server.baseUrl, { rateLimiter: new RateLimiter({ callsPerWindow: 100_000 }) });
    await fc.assert(
      fc.asyncProperty(fc.nat(40), fc.integer({ min: 1, max: 12 }), fc.constantFrom<Continuation>('token', 'uri', 'both'), async (total, pageSize, mode) => {
        server.reset();
        server.on('GET', '/workspaces', pagedWorkspaces(server, total, pageSize, mode));
        const ids = (await collect(client.listWorkspaces())).map((w) => w.id);
        assert.deepEqual(
          ids,
          Array.from({ length: total }, (_, i) => `w${i}`),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('gives the tree one page at a time with a continuation token, even when only continuationUri came', async () => {
    server.on('GET', '/workspaces', pagedWorkspaces(server, 5, 2, 'uri'));
    const { client } = testClient(server.baseUrl);
    const first = await client.listWorkspacesPage();
    assert.deepEqual(
      first.value.map((w) => w.id),
      ['w0', 'w1'],
    );
    assert.equal(first.continuationToken, '2');
    const last = await client.listWorkspacesPage({ continuationToken: '4' });
    assert.deepEqual(
      last.value.map((w) => w.id),
      ['w4'],
    );
    assert.equal(last.continuationToken, undefined);
  });

  it('keeps the filters on every page', async () => {
    server.on('GET', '/workspaces/ws1/items', (request) => {
      const page = Number(request.query.get('continuationToken') ?? '0');
      return {
        body: {
          value: [{ id: `i${page}`, type: 'Notebook', displayName: 'N', workspaceId: 'ws1' }],
          ...(page < 2 ? { continuationToken: String(page + 1) } : {}),
        },
      };
    });
    server.on('GET', '/workspaces', { body: { value: [] } });
    const { client } = testClient(server.baseUrl);
    assert.equal((await collect(client.listItems('ws1', { type: 'Notebook' }))).length, 3);
    assert.deepEqual(
      server.calls('GET', '/workspaces/ws1/items').map((r) => r.query.get('type')),
      ['Notebook', 'Notebook', 'Notebook'],
    );
    await collect(client.listWorkspaces({ roles: ['Admin', 'Member'] }));
    assert.equal(server.calls('GET', '/workspaces')[0]!.query.get('roles'), 'Admin,Member');
  });

  it('stops with an error when the server repeats a continuation token', async () => {
    server.on('GET', '/workspaces', { body: { value: [{ id: 'w', displayName: 'W', description: '' }], continuationToken: 'same' } });
    const { client } = testClient(server.baseUrl);
    await assert.rejects(collect(client.listWorkspaces()), { name: 'FabricError', errorCode: 'PagingLoop' });
    assert.equal(server.calls('GET', '/workspaces').length, 2);
  });

  it('follows the job instance list to its end', async () => {
    server.on(
      'GET',
      '/workspaces/ws/items/it/jobs/instances',
      { body: { value: [{ id: 'j1' }], continuationUri: `${server.baseUrl}/workspaces/ws/items/it/jobs/instances?continuationToken=t2` } },
      { body: { value: [{ id: 'j2' }] } },
    );
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(
      (await collect(client.listJobInstances('ws', 'it'))).map((j) => j.id),
      ['j1', 'j2'],
    );
    assert.equal(server.requests[1]!.query.get('continuationToken'), 't2');
  });
});
