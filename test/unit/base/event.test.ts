import assert from 'node:assert/strict';
import { Emitter, type Disposable } from '../../../src/base/event';

describe('Emitter', () => {
  it('calls each subscription in order until it is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const first = emitter.event((n) => seen.push(`first ${n}`));
    emitter.event((n) => seen.push(`second ${n}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(seen, ['first 1', 'second 1', 'second 2']);
  });

  it("takes VS Code's thisArgs and disposables arguments", () => {
    const emitter = new Emitter<string>();
    const owner = { seen: [] as string[] };
    const disposables: Disposable[] = [];
    emitter.event(
      function (this: typeof owner, e) {
        this.seen.push(e);
      },
      owner,
      disposables,
    );
    emitter.fire('a');
    assert.equal(disposables.length, 1);
    disposables[0].dispose();
    emitter.fire('b');
    assert.deepEqual(owner.seen, ['a']);
  });

  it('lets a listener unsubscribe while the event is firing, and stops everything when disposed', () => {
    const emitter = new Emitter<void>();
    let calls = 0;
    const once = emitter.event(() => once.dispose());
    emitter.event(() => calls++);
    emitter.fire();
    emitter.fire();
    assert.equal(calls, 2);
    emitter.dispose();
    emitter.fire();
    assert.equal(calls, 2);
  });
});
