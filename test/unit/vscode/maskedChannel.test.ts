// The log channel masks whatever is written to it (it imports only vscode's types).
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { maskedChannel } from '../../../src/vscode/common/maskedChannel';
import { TEST_TOKEN } from '../fabric/testClient';

describe('maskedChannel', () => {
  it('masks every write, escaped tokens and errors included, and passes the rest through', () => {
    const written: string[] = [];
    const record = (...texts: string[]) => void written.push(texts.join(' | '));
    const fake = { name: 'Fabric Workbench', logLevel: 2, info: record, warn: record, error: record, appendLine: record, show: () => written.push('shown') };
    const log = maskedChannel(fake as unknown as vscode.LogOutputChannel);
    log.info(`token ${TEST_TOKEN}`);
    log.warn(`escaped ${TEST_TOKEN.replace(/e/g, '\\u0065')}`);
    log.error(new Error(`failed with Bearer ${TEST_TOKEN}`));
    log.appendLine(`exit value {"t":"${TEST_TOKEN}"}`);
    log.show();
    assert.equal(log.name, 'Fabric Workbench');
    assert.equal(log.logLevel, 2);
    assert.ok(
      written.every((line) => !line.includes(TEST_TOKEN.slice(0, 20)) && !line.includes('c2VjcmV0')),
      written.join('\n'),
    );
    assert.deepEqual(
      written.map((line) => line.split('\n')[0]),
      ['token ***', 'escaped ***', 'Error: failed with Bearer ***', 'exit value {"t":"***"}', 'shown'],
    );
  });
});
