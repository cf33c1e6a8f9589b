// How a job's end is announced: a cancel the user asked for is not an error.
import assert from 'node:assert/strict';
import { endSeverity } from '../../../src/jobs/jobLog';
import { trackedJob } from './trackedJob';

const job = trackedJob;

describe('endSeverity', () => {
  it('announces a completion and a cancel the user asked for as information', () => {
    assert.equal(endSeverity(job({ status: 'Completed' })), 'information');
    assert.equal(endSeverity(job({ status: 'Cancelled', cancelRequested: true })), 'information');
    assert.equal(endSeverity(job({ status: 'Cancelled', timeoutAt: 60_000 })), 'information', 'cancelled before its timeout');
  });

  it('warns of a run cancelled at its timeout and of a job the service no longer knows', () => {
    assert.equal(endSeverity(job({ status: 'Cancelled', cancelRequested: true, timeoutAt: 4_000 })), 'warning');
    assert.equal(endSeverity(job({ status: 'InProgress', lost: true })), 'warning');
  });

  it('announces failures as errors', () => {
    assert.equal(endSeverity(job({ status: 'Failed' })), 'error');
    assert.equal(endSeverity(job({ status: 'Deduped' })), 'error');
  });
});
