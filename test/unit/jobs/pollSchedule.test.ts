import * as assert from 'node:assert/strict';
import { DEFAULT_POLL_SCHEDULE, pollDelayMs } from '../../../src/jobs/pollSchedule';

describe('pollDelayMs', () => {
  const o = DEFAULT_POLL_SCHEDULE;

  it('polls a young job fast and an older one slower, never beyond the cap', () => {
    assert.equal(pollDelayMs(0, 1, 0), o.minDelayMs);
    assert.ok(pollDelayMs(10_000, 1, 0) > pollDelayMs(1_000, 1, 0));
    assert.equal(pollDelayMs(3_600_000, 1, 0), o.maxDelayMs);
  });

  it('stretches every group\'s delay so all groups together stay within the budget', () => {
    const groups = 20;
    const delay = pollDelayMs(0, groups, 0);
    assert.ok((groups * 60_000) / delay <= o.budgetPerMinute);
  });

  it('backs off after failures, up to the longest back-off', () => {
    assert.ok(pollDelayMs(0, 1, 1) > pollDelayMs(0, 1, 0));
    assert.equal(pollDelayMs(0, 1, 30), o.maxBackoffMs);
  });
});
