import * as assert from 'node:assert/strict';
import { StepTimes } from '../../../src/base/stepTimes';

describe('StepTimes', () => {
  it("answers each step's result and keeps its time under its name, in the order the steps ran", () => {
    const steps = new StepTimes();
    assert.equal(
      steps.time('first', () => 1),
      1,
    );
    assert.equal(
      steps.time('second', () => 'two'),
      'two',
    );
    assert.deepEqual(Object.keys(steps.ms), ['first', 'second']);
    assert.ok(Object.values(steps.ms).every((ms) => ms >= 0));
  });

  it('keeps the time of a step that throws, and lets the error through', () => {
    const steps = new StepTimes();
    assert.throws(
      () =>
        steps.time('failing', () => {
          throw new Error('boom');
        }),
      /boom/,
    );
    assert.ok('failing' in steps.ms);
  });
});
