// A job's failure reason and exit value come from the service and may echo a token (in JSON
// escapes, or as JSON text inside the exit value): the lines and details a person reads mask it.
import * as assert from 'node:assert/strict';
import { StaticTokenProvider } from '../../../src/fabric';
import { formatJobDetails } from '../../../src/jobs/jobDetails';
import { endSummary, formatJobChange } from '../../../src/jobs/jobLog';
import type { TrackedJob } from '../../../src/jobs/TrackedJob';
import { ScriptedServer, useScriptedServer } from '../fabric/scriptedServer';
import { TEST_TOKEN, testClient } from '../fabric/testClient';

const OPAQUE_TOKEN = 'opaque+token/with/slashes0123';
const INSTANCE = '/workspaces/ws/notebooks/nb/jobs/execute/instances/job-1';

describe('job lines and details', () => {
  let server: ScriptedServer;
  useScriptedServer((s) => (server = s));

  for (const token of [TEST_TOKEN, OPAQUE_TOKEN]) {
    it(`mask a token echoed in the failure reason and the exit value (${token === TEST_TOKEN ? 'JWT' : 'opaque'})`, async () => {
      const escaped = token.replace(/e/g, '\\u0065').replace(/\//g, '\\/');
      // The exit value is JSON text of its own: its escapes are escaped once more in the answer.
      const exitValue = `{\\"token\\":\\"${escaped.replace(/\\/g, '\\\\')}\\"}`;
      server.on('GET', INSTANCE, {
        body:
          `{"id":"job-1","itemId":"nb","jobType":"RunNotebook","invokeType":"Manual","status":"Failed","startTimeUtc":"2025-01-01T00:00:00Z","endTimeUtc":"2025-01-01T00:00:05Z",` +
          `"failureReason":{"errorCode":"Echo","message":"header Bearer ${escaped}","requestId":"rq-1","moreDetails":[{"errorCode":"Raw","message":"${escaped}"}]},"properties":{"exitValue":"${exitValue}"}}`,
      });
      const { client } = testClient(server.baseUrl, { tokenProvider: new StaticTokenProvider(token) });
      const instance = await client.getNotebookJobInstance('ws', 'nb', 'job-1');
      assert.ok(JSON.stringify(instance).includes(token.slice(0, 12)), 'the service echoed the token');
      const job: TrackedJob = {
        id: 'job-1',
        workspaceId: 'ws',
        itemId: 'nb',
        itemName: 'Hello',
        itemType: 'Notebook',
        kind: 'notebook',
        jobType: 'RunNotebook',
        parameters: [],
        status: instance.status,
        submittedAt: 0,
        startTimeUtc: instance.startTimeUtc ?? undefined,
        endTimeUtc: instance.endTimeUtc ?? undefined,
        failureReason: instance.failureReason ?? undefined,
        exitValue: instance.properties?.exitValue ?? undefined,
      };
      const texts = [
        formatJobChange({ kind: 'ended', job }, 0)!.text,
        endSummary(job, 0),
        formatJobDetails(job, 0),
        endSummary({ ...job, failureReason: undefined }, 0),
      ];
      for (const text of texts) {
        assert.ok(!text.includes(token), text);
        assert.ok(!text.includes(token.replace(/e/g, '\\u0065')), text);
      }
      assert.match(texts[0]!, /Echo: header Bearer \*\*\*/);
      assert.match(texts[2]!, /- Raw: \*\*\*/);
      assert.match(texts[3]!, /Exit value: .*\*\*\*/);
    });
  }
});
