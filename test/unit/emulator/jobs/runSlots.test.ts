import assert from 'node:assert/strict';
import { RunSlots } from '../../../../src/emulator/jobs/notebook/RunSlots';

/** Lets every settled promise's callbacks run, so a slot handed over has been seen. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('notebook run slots', () => {
  const signal = new AbortController().signal;

  it('admits runs up to the limit at once and makes the next wait for a release, first come first served', async () => {
    const slots = new RunSlots(2);
    const first = await slots.acquire(signal);
    const second = await slots.acquire(signal);
    const admitted: string[] = [];
    const third = slots.acquire(signal).then((release) => (admitted.push('third'), release));
    const fourth = slots.acquire(signal).then((release) => (admitted.push('fourth'), release));
    await settle();
    assert.deepEqual(admitted, []);
    first!();
    first!(); // a second release of the same slot frees nothing more
    await settle();
    assert.deepEqual(admitted, ['third']);
    second!();
    await settle();
    assert.deepEqual(admitted, ['third', 'fourth']);
    (await third)!();
    (await fourth)!();
    assert.ok(await slots.acquire(signal), 'every slot is free again');
  });

  it('lets a run cancelled while it waits leave the line without taking a slot', async () => {
    const slots = new RunSlots(1);
    const first = await slots.acquire(signal);
    const cancel = new AbortController();
    const cancelled = slots.acquire(cancel.signal);
    const next = slots.acquire(signal);
    cancel.abort();
    assert.equal(await cancelled, undefined);
    first!();
    assert.ok(await next, 'the slot went to the run behind the cancelled one');
    assert.equal(await slots.acquire(AbortSignal.abort()), undefined, 'an already cancelled run never waits');
  });
});
