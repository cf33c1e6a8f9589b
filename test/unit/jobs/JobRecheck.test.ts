// A job saved as running while its connection was away is not shown as running until its status
// has been read again.
import assert from 'node:assert/strict';
import type { ItemJobInstance } from '../../../src/fabric/types';
import { JobRecheck } from '../../../src/jobs/JobRecheck';
import type { TrackedJob } from '../../../src/jobs/TrackedJob';
import { trackedJob } from './trackedJob';

const job = (id: string): TrackedJob => trackedJob({ id, connection: 'c', status: 'InProgress', noticedAt: undefined });

/** The service's answers, by job id: a status, or an error to throw. */
function api(answers: Record<string, string | Error>) {
  return {
    getJobInstance: async (_w: string, _i: string, id: string): Promise<ItemJobInstance> => {
      const answer = answers[id]!;
      if (answer instanceof Error) throw answer;
      return { id, itemId: 'i', jobType: 'RunNotebook', invokeType: 'Manual', status: answer } as ItemJobInstance;
    },
  };
}

describe('JobRecheck', () => {
  it('keeps a job unchecked until the service says it still runs', async () => {
    const recheck = new JobRecheck();
    let changes = 0;
    recheck.onDidChange(() => changes++);
    const checking = recheck.check(
      [job('runs'), job('ended'), job('unreadable')],
      api({ runs: 'InProgress', ended: 'Completed', unreadable: new Error('offline') }),
    );
    assert.ok(recheck.has('runs') && recheck.has('ended') && recheck.has('unreadable'), 'unchecked at once, before any answer');
    await checking;
    assert.equal(recheck.has('runs'), false, 'still running: shown as running again');
    assert.equal(recheck.has('ended'), true, 'ended meanwhile: unchecked until the tracker reports the end');
    assert.equal(recheck.has('unreadable'), true, 'no answer: not claimed running');
    recheck.settle('ended');
    assert.equal(recheck.has('ended'), false);
    assert.ok(changes >= 3, `${changes} changes told`);
  });

  it('forgets every job when signed out, and a new check replaces the previous one', async () => {
    const recheck = new JobRecheck();
    await recheck.check([job('a')], api({ a: new Error('offline') }));
    recheck.clear();
    assert.equal(recheck.has('a'), false);
    await recheck.check([job('a')], api({ a: new Error('offline') }));
    await recheck.check([job('b')], api({ b: new Error('offline') }));
    assert.equal(recheck.has('a'), false, "the other connection's job is not this one's concern");
    assert.equal(recheck.has('b'), true);
  });
});
