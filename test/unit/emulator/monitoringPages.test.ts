import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import type { Item } from '../../../src/fabric/types';
import { call, sampleWorkspace, startTestEmulator, stopTestEmulators, waitForJob, type Json } from './emulatorHarness';

describe('emulator monitoring pages (a notebook run’s signed links)', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let ws: string;
  let hello: Item;

  /** Runs Hello Fabric greeting `name` and answers its notebook job instance once it has ended. */
  const runHello = async (name: string): Promise<Json> => {
    const parameters = [
      { name: 'name', type: 'Text', value: name },
      { name: 'repeat', type: 'Integer', value: 1 },
      { name: 'seconds', type: 'Integer', value: 0 },
    ];
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances?beta=false`, { parameters });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const id = answer.headers.get('location')!.split('/').pop()!;
    return waitForJob(emulator, `/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances/${id}?beta=true`);
  };
  /** A browser's request: no token. */
  const open = (url: string) => fetch(url);
  const withSignature = (url: string, signature: string) => url.replace(/sig=[^&]*/, `sig=${signature}`);

  let run: Json;
  let links: { sparkUiUrl: string; driverLogUrl: string };

  before(async () => {
    emulator = await startTestEmulator({ lroMode: 'sync', timeScale: 0.001 });
    let items: Record<string, Item>;
    ({ workspaceId: ws, items } = await sampleWorkspace(emulator));
    hello = items['Hello Fabric']!;
    run = await runHello('<script>alert("Ada")</script> & co');
    links = run.properties.computeDetails.monitoringInfo;
  });
  after(stopTestEmulators);

  it('gives a Spark run signed links to its own pages on the emulator', () => {
    assert.equal(run.status, 'Completed', JSON.stringify(run.failureReason));
    assert.match(links.driverLogUrl, new RegExp(`^${emulator.url}/monitoring/${run.id}/driverlog\\?sig=[A-Za-z0-9_-]{43}$`));
    assert.match(links.sparkUiUrl, new RegExp(`^${emulator.url}/monitoring/${run.id}/sparkui\\?sig=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the driver log without the token: the run’s output, escaped, on a page that runs no script', async () => {
    const page = await open(links.driverLogUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.equal(page.headers.get('content-security-policy'), "default-src 'none'");
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const text = await page.text();
    assert.ok(text.includes('Hello, &#60;script&#62;alert(&#34;Ada&#34;)&#60;/script&#62; &#38; co!'), text);
    assert.equal(text.includes('<script>'), false);
  });

  it('serves the Spark UI stand-in with the run’s status and a link to its driver log', async () => {
    const page = await open(links.sparkUiUrl);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<td>Completed<\/td>/);
    assert.ok(text.includes(`href="${new URL(links.driverLogUrl).pathname}?sig=`), text);
  });

  it('refuses a tampered, missing, misplaced or other run’s signature with 404, and opens nothing else', async () => {
    const other = await runHello('Grace');
    const otherSignature = new URL(other.properties.computeDetails.monitoringInfo.driverLogUrl).searchParams.get('sig')!;
    const signature = new URL(links.driverLogUrl).searchParams.get('sig')!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const refused = [
      withSignature(links.driverLogUrl, flipped),
      withSignature(links.driverLogUrl, otherSignature),
      withSignature(links.driverLogUrl, signature.slice(1)),
      links.driverLogUrl.replace(/\?.*/, ''),
      // The driver log's signature does not open the Spark UI, nor another run's log.
      links.sparkUiUrl.replace(/sig=[^&]*/, `sig=${signature}`),
      links.driverLogUrl.replace(run.id, other.id),
    ];
    for (const url of refused) {
      const page = await open(url);
      assert.equal(page.status, 404, url);
      assert.equal(((await page.json()) as Json).errorCode, 'EntityNotFound');
    }
    // A signature opens no API path: the API still wants the token.
    const api = await open(`${emulator.baseUrl}/workspaces/${ws}/notebooks/${hello.id}/jobs/execute/instances/${run.id}?beta=true&sig=${signature}`);
    assert.equal(api.status, 401);
  });

  it('keeps the output out of the job list and the generic job instance', async () => {
    const generic = await call(emulator, 'GET', `/workspaces/${ws}/items/${hello.id}/jobs/instances/${run.id}`);
    assert.equal('output' in generic.body, false);
    const listed = await call(emulator, 'GET', `/workspaces/${ws}/items/${hello.id}/jobs/instances`);
    assert.equal(
      listed.body.value.some((j: Json) => 'output' in j),
      false,
    );
  });
});
