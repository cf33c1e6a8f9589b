import assert from 'node:assert/strict';
import type { AzureDevOpsDetails, GitHubDetails } from '../../../src/fabric/types';
import { clonePartPath, remoteMatches } from '../../../src/workspace/gitClones';

const common = { repositoryName: 'Sales', branchName: 'main', directoryName: '/fabric' };
const ado: AzureDevOpsDetails = { ...common, gitProviderType: 'AzureDevOps', organizationName: 'contoso', projectName: 'Data Platform' };
const github: GitHubDetails = { ...common, gitProviderType: 'GitHub', ownerName: 'contoso' };

describe('Local clones of a workspace’s Git repository', () => {
  it('match an Azure DevOps connection by every URL form Azure Repos hands out', () => {
    for (const url of [
      'https://dev.azure.com/contoso/Data%20Platform/_git/Sales',
      'https://contoso@dev.azure.com/contoso/Data%20Platform/_git/Sales',
      'https://dev.azure.com/Contoso/data%20platform/_git/sales/',
      'https://contoso.visualstudio.com/Data%20Platform/_git/Sales',
      'https://contoso.visualstudio.com/DefaultCollection/Data%20Platform/_git/Sales',
      'git@ssh.dev.azure.com:v3/contoso/Data%20Platform/Sales',
      'ssh://git@ssh.dev.azure.com/v3/contoso/Data%20Platform/Sales',
      'contoso@vs-ssh.visualstudio.com:v3/contoso/Data%20Platform/Sales',
    ]) {
      assert.equal(remoteMatches(url, ado), true, url);
    }
  });

  it('match a GitHub connection over https, with a user, over ssh, with or without .git', () => {
    for (const url of [
      'https://github.com/contoso/Sales',
      'https://github.com/contoso/Sales.git',
      'https://someone@github.com/contoso/sales.git',
      'https://x-access-token:secret@github.com/contoso/Sales',
      'git@github.com:contoso/Sales.git',
      'git@github.com:contoso/Sales',
      'ssh://git@github.com/contoso/Sales.git',
      'ssh://git@github.com:22/contoso/Sales.git',
    ]) {
      assert.equal(remoteMatches(url, github), true, url);
    }
    assert.equal(remoteMatches('https://contoso.ghe.com/contoso/Sales.git', { ...github, customDomainName: 'contoso.ghe.com' }), true);
  });

  it('refuse another repository, owner, project, host or provider', () => {
    for (const [url, details] of [
      ['https://github.com/contoso/Sales-old.git', github],
      ['https://github.com/fabrikam/Sales.git', github],
      ['https://gitlab.com/contoso/Sales.git', github],
      ['https://contoso.ghe.com/contoso/Sales.git', github],
      ['https://github.com/contoso/Sales/extra', github],
      ['https://dev.azure.com/contoso/Other/_git/Sales', ado],
      ['https://dev.azure.com/contoso/Data%20Platform/_git/Sales', github],
      ['git@github.com:contoso/Sales.git', ado],
      ['not a url', ado],
      ['', github],
    ] as const) {
      assert.equal(remoteMatches(url, details), false, url);
    }
    assert.equal(remoteMatches('https://github.com/contoso/Sales', undefined), false);
  });

  it("match the emulator's repository by its path or file: URL, and nothing else", () => {
    const repository = '/home/me/.fabric-workbench/emulator/git/ws-1.git';
    for (const url of [repository, `${repository}/`, `file://${repository}`, 'file:///home/me/.fabric-workbench/emulator/git/ws%2D1.git']) {
      assert.equal(remoteMatches(url, github, repository), true, url);
    }
    for (const url of ['/home/me/other.git', 'file:///home/me/other.git', 'https://github.com/contoso/Other.git', 'ws-1.git']) {
      assert.equal(remoteMatches(url, github, repository), false, url);
    }
    assert.equal(remoteMatches('file:///C:/data/git/ws-1.git', undefined, 'C:\\data\\git\\ws-1.git'), true);
    assert.equal(remoteMatches('C:\\data\\git\\ws-1.git', undefined, 'C:\\data\\git\\ws-1.git'), true);
  });

  it('place a part under the connection’s directory, the item’s folders and its item folder', () => {
    const load = (type: string) => ({ displayName: 'Load', type });
    assert.equal(clonePartPath('/', [], load('DataPipeline'), 'pipeline-content.json'), 'Load.DataPipeline/pipeline-content.json');
    assert.equal(clonePartPath('', ['Sales'], load('Notebook'), 'notebook-content.py'), 'Sales/Load.Notebook/notebook-content.py');
    assert.equal(
      clonePartPath('/fabric/items/', ['Sales', 'Q1'], load('Notebook'), 'notebook-content.py'),
      'fabric/items/Sales/Q1/Load.Notebook/notebook-content.py',
    );
  });

  it('name the item’s directory as Fabric Git does: characters no directory can hold as HTML numbers', () => {
    assert.equal(
      clonePartPath('/', [], { displayName: 'Q1: sales?', type: 'Notebook' }, 'notebook-content.py'),
      'Q1&#58; sales&#63;.Notebook/notebook-content.py',
    );
    assert.equal(clonePartPath('/', [], { displayName: ' Load.', type: 'Notebook' }, 'x.py'), '&#32;Load&#46;.Notebook/x.py');
  });
});
