import * as assert from 'node:assert/strict';
import { FABRIC_DEFAULT_SCOPE, fabricScope, hostHasManagedIdentity } from '../../../src/fabric';

describe('the token scope follows the configured API', () => {
  it('keeps the public scope for the public API, however its address is written', () => {
    for (const url of ['https://api.fabric.microsoft.com/v1', 'https://api.fabric.microsoft.com/v1/', ' https://API.fabric.microsoft.com:443/v1 ']) {
      assert.equal(fabricScope(url), FABRIC_DEFAULT_SCOPE, url);
    }
    assert.equal(FABRIC_DEFAULT_SCOPE, 'https://api.fabric.microsoft.com/.default');
  });

  it('asks for the origin of any other API: a sovereign cloud, a local emulator', () => {
    assert.equal(fabricScope('https://api.fabric.microsoft.us/v1'), 'https://api.fabric.microsoft.us/.default');
    assert.equal(fabricScope('https://127.0.0.1:5015/v1'), 'https://127.0.0.1:5015/.default');
    assert.equal(fabricScope('https://fabric.contoso.example:8443/api/v1'), 'https://fabric.contoso.example:8443/.default');
  });

  it('names the setting when the address is not a URL', () => {
    assert.throws(() => fabricScope('api.fabric.microsoft.com'), /"api\.fabric\.microsoft\.com" is not a URL \(setting fabricWorkbench\.apiBaseUrl\)/);
  });
});

describe('managed identity detection', () => {
  it('sees the variables Azure hosts set', () => {
    assert.equal(hostHasManagedIdentity({ IDENTITY_ENDPOINT: 'http://localhost:42356/msi/token', IDENTITY_HEADER: 'x' }), true);
    assert.equal(hostHasManagedIdentity({ MSI_ENDPOINT: 'http://localhost:50342/oauth2/token' }), true);
  });

  it('offers nothing on a host without them (or with them empty)', () => {
    assert.equal(hostHasManagedIdentity({}), false);
    assert.equal(hostHasManagedIdentity({ IDENTITY_ENDPOINT: ' ', MSI_ENDPOINT: '' }), false);
    assert.equal(hostHasManagedIdentity({ AZURE_CLIENT_ID: 'x', CODESPACES: 'true' }), false);
  });
});
