import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { FABRIC_REMOTE_SCHEME, fabricUri, parseFabricUri } from '../../../src/workspace/fabricUri';

describe('fabricwb URIs', () => {
  it('print and parse back to the same workspace, item folder and part, whatever the names hold', () => {
    for (const [folder, part] of [
      ['Load sales.DataPipeline', 'pipeline-content.json'],
      ['Ventes #1 100% été.Notebook', 'Libs/a b?.py'],
      ['Clean.Notebook', undefined],
    ] as const) {
      const printed = fabricUri('1c0e7a52-0000-4000-8000-000000000001', folder, part).toString();
      assert.match(printed, /^fabricwb:\/\/1c0e7a52-0000-4000-8000-000000000001\//);
      assert.deepEqual(parseFabricUri(URI.parse(printed)), { workspaceId: '1c0e7a52-0000-4000-8000-000000000001', itemFolder: folder, partPath: part });
    }
  });

  it('name a workspace root, and the remote copy under its own scheme', () => {
    assert.equal(fabricUri('ws').toString(), 'fabricwb://ws/');
    assert.deepEqual(parseFabricUri(fabricUri('ws')), { workspaceId: 'ws', itemFolder: undefined, partPath: undefined });
    assert.equal(fabricUri('ws', 'A.Notebook', '.platform', FABRIC_REMOTE_SCHEME).scheme, 'fabricwb-remote');
  });
});
