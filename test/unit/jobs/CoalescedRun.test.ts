// The Jobs view's history reload: requests during a reload fold into one more reload after it.
import * as assert from 'node:assert/strict';
import { CoalescedRun } from '../../../src/jobs/CoalescedRun';

/** A refresh whose runs the test ends one by one; each run reads `source` when it starts. */
function scriptedRefresh() {
  const ends: (() => void)[] = [];
  const state = { source: 0, shown: -1, started: 0, concurrent: 0, maxConcurrent: 0 };
  const work = async () => {
    const read = state.source;
    state.started++;
    state.maxConcurrent = Math.max(state.maxConcurrent, ++state.concurrent);
    await new Promise<void>((resolve) => ends.push(resolve));
    state.concurrent--;
    state.shown = read;
  };
  return { state, ends, work };
}

describe('CoalescedRun', () => {
  it('folds the requests made during a run into one more run, and the latest state is what stays shown', async () => {
    const { state, ends, work } = scriptedRefresh();
    const refresh = new CoalescedRun(work);
    const first = refresh.request();
    const during: Promise<void>[] = [];
    for (let i = 1; i <= 5; i++) {
      state.source = i;
      during.push(refresh.request());
    }
    assert.equal(state.started, 1, 'the requests wait for the running refresh');
    ends.shift()!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(state.started, 2, 'one more refresh for all five requests');
    ends.shift()!();
    await Promise.all(during);
    assert.equal(state.shown, 5, 'the last refresh read the latest state');
    assert.equal(state.maxConcurrent, 1, 'refreshes never overlap');
  });

  it('starts at once when idle, and a failed run does not stop the next', async () => {
    let runs = 0;
    const refresh = new CoalescedRun(async () => {
      runs++;
      if (runs === 1) throw new Error('the service did not answer');
    });
    await refresh.request();
    await refresh.request();
    assert.equal(runs, 2);
  });
});
