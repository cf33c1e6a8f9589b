import assert from 'node:assert/strict';
import { nestedDeeperThan } from '../../../src/emulator/jsonDepth';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe("the JSON nesting check on a body's bytes", () => {
  it('counts arrays and objects alike, and allows exactly the limit', () => {
    assert.equal(nestedDeeperThan(bytes('[{"a":[1]}]'), 3), false);
    assert.equal(nestedDeeperThan(bytes('[{"a":[[1]]}]'), 3), true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    assert.equal(nestedDeeperThan(bytes('{"a":"[[[[{{{{","b":"\\"[[[[\\\\"}'), 1), false);
    assert.equal(nestedDeeperThan(bytes('{"a":"\\\\",  "b":[[1]]}'), 2), true);
  });

  it('measures depth, not the number of containers: a wide body is shallow', () => {
    assert.equal(nestedDeeperThan(bytes(`[${'{"a":[1]},'.repeat(100_000)}{}]`), 3), false);
  });

  it('stops at the first container past the limit (a million nested arrays)', () => {
    assert.equal(nestedDeeperThan(bytes('['.repeat(1_000_000) + ']'.repeat(1_000_000)), 64), true);
  });
});
