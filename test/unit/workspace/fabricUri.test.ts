import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { FABRIC_REMOTE_SCHEME, fabricUri, itemPathOf, parseFabricUri } from '../../../src/workspace/fabricUri';

describe('fabricwb URIs', () => {
  it('print and parse back to the same workspace, item folder and part, whatever the names hold', () => {
    for (const [folder, part] of [
      ['Load sales.DataPipeline', 'pipeline-content.json'],
      ['Ventes #1 100% été.Notebook', 'Libs/a b?.py'],
      ['Clean.Notebook', undefined],
    ] as const) {
      const printed = fabricUri('1c0e7a52-0000-4000-8000-000000000001', folder, part).toString();
      assert.match(printed, /^fabricwb:\/\/1c0e7a52-0000-4000-8000-000000000001\//);
      assert.deepEqual(parseFabricUri(URI.parse(printed)), {
        workspaceId: '1c0e7a52-0000-4000-8000-000000000001',
        folders: [],
        itemFolder: folder,
        partPath: part,
      });
    }
  });

  it('name a workspace root, and the remote copy under its own scheme', () => {
    assert.equal(fabricUri('ws').toString(), 'fabricwb://ws/');
    assert.deepEqual(parseFabricUri(fabricUri('ws')), { workspaceId: 'ws', folders: [] });
    assert.equal(fabricUri('ws', 'A.Notebook', '.platform', FABRIC_REMOTE_SCHEME).scheme, 'fabricwb-remote');
  });

  it("read the segments before the first one with a dot as Fabric folders (their names never hold one), that one as the item's folder", () => {
    const parts = parseFabricUri(fabricUri('ws', 'Sales/Bronze #2/Load v1.2.Notebook', 'Libs/util.py'));
    assert.deepEqual(parts, { workspaceId: 'ws', folders: ['Sales', 'Bronze #2'], itemFolder: 'Load v1.2.Notebook', partPath: 'Libs/util.py' });
    assert.equal(itemPathOf(parts), 'Sales/Bronze #2/Load v1.2.Notebook');
    assert.deepEqual(parseFabricUri(fabricUri('ws', 'Sales/Bronze')), { workspaceId: 'ws', folders: ['Sales', 'Bronze'] }, 'a folder');
    assert.equal(itemPathOf(parseFabricUri(fabricUri('ws', 'Sales'))), undefined);
  });

  it('never read a part of a path as a folder above the item, whatever the segments look like', () => {
    // `..` and `.` have a dot: they are (unknown) item folders, never a step up; a part named like a folder stays a part.
    assert.deepEqual(parseFabricUri(URI.parse('fabricwb://ws/Sales/../Other/x')), {
      workspaceId: 'ws',
      folders: ['Sales'],
      itemFolder: '..',
      partPath: 'Other/x',
    });
    assert.deepEqual(parseFabricUri(URI.parse('fabricwb://ws/./A.Notebook')), { workspaceId: 'ws', folders: [], itemFolder: '.', partPath: 'A.Notebook' });
    assert.deepEqual(parseFabricUri(fabricUri('ws', 'A.Notebook', 'Sales/Bronze/b.py')).folders, []);
  });
});
