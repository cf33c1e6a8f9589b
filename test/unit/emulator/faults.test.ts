import assert from 'node:assert/strict';
import { parseFaultSpec } from '../../../src/emulator';
import { FaultInjector } from '../../../src/emulator/faults';
import { call, startTestEmulator, stopTestEmulators } from './emulatorHarness';

describe('emulator faults', () => {
  after(stopTestEmulators);

  describe('parseFaultSpec', () => {
    it('reads every fault, with units', () => {
      assert.deepEqual(parseFaultSpec('throttle=120/min, error5xx=0.05,reset=0.01,latency=40ms,lro=2s,seed=7'), {
        throttlePerMinute: 120,
        error5xx: 0.05,
        reset: 0.01,
        latencyMs: 40,
        lroMs: 2000,
        seed: 7,
      });
      assert.deepEqual(parseFaultSpec('throttle=2/s,lro=1m,latency=15'), { throttlePerMinute: 120, lroMs: 60_000, latencyMs: 15 });
      assert.deepEqual(parseFaultSpec(''), {});
    });

    const bad: [string, RegExp][] = [
      ['throttle=fast', /"throttle" needs a rate such as 120\/min, not "fast"/],
      ['error5xx=2', /"error5xx" needs a probability between 0 and 1, not "2"/],
      ['reset=often', /"reset" needs a probability/],
      ['latency=soon', /"latency" needs a duration such as 40ms, 2s or 1m, not "soon"/],
      ['seed=-1', /"seed" needs a whole number/],
      ['reset', /"reset" needs a value: key=value/],
      ['chaos=1', /Unknown fault "chaos": use throttle, error5xx, reset, latency, lro or seed/],
    ];
    for (const [spec, message] of bad) {
      it(`refuses "${spec}" with a clear message`, () => {
        assert.throws(() => parseFaultSpec(spec), message);
      });
    }
  });

  describe('FaultInjector throttling windows', () => {
    it('throttles past the rate in a fixed 60 s window per caller, then lets calls through in the next window', () => {
      let now = 1_000_000;
      const injector = new FaultInjector({ throttlePerMinute: 2 }, () => now);
      assert.equal(injector.decide('a').kind, 'none');
      assert.equal(injector.decide('a').kind, 'none');
      now += 15_000;
      const throttled = injector.decide('a');
      assert.equal(throttled.kind, 'throttle');
      assert.equal(throttled.kind === 'throttle' && throttled.retryAfterSeconds, 45);
      assert.equal(injector.decide('b').kind, 'none', 'another caller has its own window');
      now += 45_000;
      assert.equal(injector.decide('a').kind, 'none');
    });
  });

  it('throttle=5/min: the 6th call is 429 RequestBlocked with Retry-After', async () => {
    const emulator = await startTestEmulator({ sample: false, faults: 'throttle=5/min' });
    for (let i = 0; i < 5; i++) assert.equal((await call(emulator, 'GET', '/workspaces')).status, 200, `call ${i + 1}`);
    const sixth = await call(emulator, 'GET', '/workspaces');
    assert.equal(sixth.status, 429);
    assert.equal(sixth.body.errorCode, 'RequestBlocked');
    assert.match(sixth.body.message, /^Request is blocked by the upstream service until: \d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$/);
    assert.equal(sixth.body.isRetriable, true);
    assert.equal(sixth.headers.get('x-ms-public-api-error-code'), 'RequestBlocked');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    assert.equal(emulator.stats.throttled, 1);

    const anonymous = await fetch(`${emulator.baseUrl}/workspaces`);
    assert.equal(anonymous.status, 401, 'an unauthenticated call is refused before throttling');

    emulator.setFaults(undefined);
    assert.equal((await call(emulator, 'GET', '/workspaces')).status, 200);
  });

  it('reset=1 drops the connection: the call rejects with no answer', async () => {
    const emulator = await startTestEmulator({ sample: false, faults: 'reset=1' });
    await assert.rejects(call(emulator, 'GET', '/workspaces'));
    emulator.setFaults('reset=0');
    assert.equal((await call(emulator, 'GET', '/workspaces')).status, 200);
  });

  it('error5xx with a seed: two emulators with the same seed give the same sequence of answers', async () => {
    const statuses = async (spec: string): Promise<number[]> => {
      const emulator = await startTestEmulator({ sample: false, faults: spec });
      const seen: number[] = [];
      for (let i = 0; i < 24; i++) {
        const answer = await call(emulator, 'GET', '/workspaces');
        if (answer.status >= 500) {
          assert.ok([500, 503].includes(answer.status));
          assert.ok(['InternalServerError', 'ServiceUnavailable'].includes(answer.body.errorCode));
          assert.equal(answer.body.isRetriable, true);
        }
        seen.push(answer.status);
      }
      return seen;
    };
    const first = await statuses('error5xx=0.5,seed=42');
    assert.deepEqual(await statuses('error5xx=0.5,seed=42'), first);
    assert.ok(first.includes(200) && first.some((s) => s >= 500), first.join());
  });

  it('latency delays every answer: a client that waits less gets none; one that waits gets the usual answer', async () => {
    const emulator = await startTestEmulator({ sample: false, faults: 'latency=300ms' });
    const headers = { Authorization: `Bearer ${emulator.token}` };
    // Give up only once the emulator holds the request, so the test doesn't depend on how fast
    // this machine connects (an abort before arrival would leave stats.requests at 1).
    const impatient = new AbortController();
    const abandoned = fetch(`${emulator.baseUrl}/workspaces`, { headers, signal: impatient.signal });
    while (emulator.stats.requests < 1) await new Promise((resolve) => setImmediate(resolve));
    impatient.abort();
    await assert.rejects(abandoned, /abort/i);
    const started = performance.now();
    const answer = await call(emulator, 'GET', '/workspaces');
    // A lower bound only: the fault guarantees the wait, load can only lengthen it.
    assert.ok(performance.now() - started >= 290, 'the answer waited for the injected latency');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { value: [] });
    assert.equal(emulator.stats.requests, 2);
  });
});
