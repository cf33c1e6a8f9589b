import * as assert from 'node:assert/strict';
import { FabricError, describeError, errorStatus } from '../../../src/fabric';
import { ScriptedServer, type Reply } from './scriptedServer';
import { testClient } from './testClient';

describe('FabricError', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = new ScriptedServer();
    await server.start();
  });
  afterEach(() => server.close());

  async function failure(reply: Reply): Promise<FabricError> {
    server.reset();
    server.on('GET', '/workspaces/ws/items/it1', reply);
    const { client } = testClient(server.baseUrl, { retry: { maxRetries: 0 } });
    const error = await client.getItem('ws', 'it1').then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof FabricError);
    return error;
  }

  it('carries every ErrorResponse field from the body', async () => {
    const e = await failure({
      status: 404,
      body: {
        requestId: 'rq-1',
        errorCode: 'ItemNotFound',
        message: 'The requested item was not found.',
        isRetriable: false,
        relatedResource: { resourceId: 'it1', resourceType: 'Item' },
        moreDetails: [{ errorCode: 'Detail', message: 'More.', relatedResource: { resourceId: 'ws', resourceType: 'Workspace' } }],
      },
    });
    assert.equal(e.status, 404);
    assert.equal(e.errorCode, 'ItemNotFound');
    assert.equal(e.message, 'The requested item was not found.');
    assert.equal(e.requestId, 'rq-1');
    assert.deepEqual(e.relatedResource, { resourceId: 'it1', resourceType: 'Item' });
    assert.equal(e.moreDetails?.[0]?.errorCode, 'Detail');
    assert.equal(e.isRetriable, false);
    assert.equal(e.request, 'GET /v1/workspaces/ws/items/it1');
    assert.match(e.userMessage, /may have been deleted/);
    assert.match(e.userMessage, /Request ID: rq-1$/);
  });

  it('reads the request id and error code from the headers when the body has none', async () => {
    const e = await failure({ status: 403, headers: { requestid: 'rq-h', 'x-ms-public-api-error-code': 'InsufficientWorkspaceRole' }, body: '' });
    assert.equal(e.errorCode, 'InsufficientWorkspaceRole');
    assert.equal(e.requestId, 'rq-h');
    assert.equal(e.hasErrorResponse, false);
    assert.match(e.userMessage, /Contributor or higher/);
    const other = await failure({ status: 400, headers: { 'x-ms-request-id': 'rq-x' }, body: 'plain text' });
    assert.equal(other.requestId, 'rq-x');
    assert.equal(other.errorCode, 'BadRequest');
    assert.equal(other.message, 'plain text');
  });

  it('says how long to wait when throttled', async () => {
    const e = await failure({
      status: 429,
      headers: { 'retry-after': '55' },
      body: { errorCode: 'RequestBlocked', message: 'Request is blocked.', requestId: 'rq-t' },
    });
    assert.equal(e.retryAfterSeconds, 55);
    assert.equal(e.isRetriable, true);
    assert.match(e.userMessage, /throttling.*retry after 55 s.*Request ID: rq-t/);
  });

  it('names the missing scope', async () => {
    const e = await failure({ status: 403, body: { errorCode: 'InsufficientScopes', message: 'The caller does not have sufficient scopes.' } });
    assert.match(e.userMessage, /Item\.ReadWrite\.All/);
  });

  it('is an Error whose name is FabricError', () => {
    const e = new FabricError({ status: 409, errorCode: 'ItemDisplayNameAlreadyInUse', message: 'Name in use' });
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'FabricError');
    assert.match(e.userMessage, /already taken/);
  });
});

describe('describeError', () => {
  it("shows a FabricError's userMessage, any other error's message, anything else as text", () => {
    const fabric = new FabricError({
      status: 409,
      errorCode: 'ItemDisplayNameAlreadyInUse',
      message: 'Requested display name is already taken',
      requestId: 'r-1',
    });
    assert.equal(describeError(fabric), fabric.userMessage);
    assert.notEqual(fabric.userMessage, fabric.message);
    assert.equal(describeError(new Error('disk full')), 'disk full');
    assert.equal(describeError('just text'), 'just text');
    assert.equal(describeError(undefined), 'undefined');
  });

  it('reads the status of a FabricError only', () => {
    assert.equal(errorStatus(new FabricError({ status: 404, errorCode: 'ItemNotFound', message: 'gone' })), 404);
    assert.equal(errorStatus(new Error('no status')), undefined);
    assert.equal(errorStatus(undefined), undefined);
  });
});
