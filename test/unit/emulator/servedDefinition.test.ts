import * as assert from 'node:assert/strict';
import { decodeDefinition, encodeDefinition, textFile } from '../../../src/fabric/definition';
import type { Item } from '../../../src/fabric/types';
import { serveDefinition } from '../../../src/emulator/definitions';

describe('serveDefinition', () => {
  const item: Item = { id: '5b0e7a52-3c4b-4c8e-9a57-6c1f7d1b8a11', type: 'Notebook', displayName: 'Load', description: '', workspaceId: 'ws' };
  const stored = encodeDefinition([textFile('notebook-content.py', '# Fabric notebook source\n\n# CELL ********************\n\nprint(1)\n')]);
  const text = (served: ReturnType<typeof serveDefinition>, path: string) =>
    Buffer.from(decodeDefinition(served).find((f) => f.path === path)!.content).toString('utf8');

  it('answers repeated reads of an unchanged definition with one object, so kept operation results hold it once', () => {
    assert.equal(serveDefinition(item, stored, undefined), serveDefinition(item, stored, undefined));
  });

  it('answers anew after an update, a rename or in another format, never with a stale copy', () => {
    const first = serveDefinition(item, stored, undefined);
    const updated = encodeDefinition([textFile('notebook-content.py', '# Fabric notebook source\n\n# CELL ********************\n\nprint(2)\n')]);
    assert.match(text(serveDefinition(item, updated, undefined), 'notebook-content.py'), /print\(2\)/);
    const renamed = serveDefinition({ ...item, displayName: 'Load v2' }, stored, undefined);
    assert.notEqual(renamed, first);
    assert.match(text(renamed, '.platform'), /"displayName": "Load v2"/);
    const ipynb = serveDefinition(item, stored, 'ipynb');
    assert.ok(decodeDefinition(ipynb).some((f) => f.path === 'notebook-content.ipynb'));
    assert.match(text(serveDefinition(item, stored, undefined), '.platform'), /"displayName": "Load"/);
  });
});
