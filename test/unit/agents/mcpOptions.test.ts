// The MCP server's command line, and the one VS Code's server definition writes for a connection.
import * as assert from 'node:assert/strict';
import { mcpServerArgs, parseMcpOptions, TOKEN_VARIABLE } from '../../../src/agents/mcpOptions';

const noTokenFile = () => undefined;

describe('MCP server options', () => {
  it('reads the emulator, its token from the option, the environment or the token file, in that order', () => {
    const parse = (argv: string[], env = {}, file: (url: string) => string | undefined = noTokenFile) => parseMcpOptions(argv, env, file);
    assert.deepEqual(parse(['--emulator', 'http://127.0.0.1:5015', '--token', 't1'], { [TOKEN_VARIABLE]: 't2' }), {
      help: false,
      connection: { kind: 'emulator', baseUrl: 'http://127.0.0.1:5015/v1', token: 't1' },
    });
    assert.deepEqual(parse(['--emulator=http://127.0.0.1:5015/v1'], { [TOKEN_VARIABLE]: 't2' }), {
      help: false,
      connection: { kind: 'emulator', baseUrl: 'http://127.0.0.1:5015/v1', token: 't2' },
    });
    assert.deepEqual(
      parse(['--emulator', 'http://127.0.0.1:5015'], {}, () => 't3'),
      { help: false, connection: { kind: 'emulator', baseUrl: 'http://127.0.0.1:5015/v1', token: 't3' } },
    );
    assert.throws(
      () => parse(['--emulator', 'http://127.0.0.1:5015']),
      /No token for the emulator at http:\/\/127\.0\.0\.1:5015: is it running\? Else pass --token or set FABRIC_WORKBENCH_EMULATOR_TOKEN/,
    );
  });

  it('reaches a tenant by default, and refuses what it does not know', () => {
    assert.deepEqual(parseMcpOptions([], {}, noTokenFile), {
      help: false,
      connection: { kind: 'tenant', baseUrl: 'https://api.fabric.microsoft.com/v1', tenantId: undefined },
    });
    assert.deepEqual(parseMcpOptions(['--help'], {}, noTokenFile), { help: true });
    assert.throws(() => parseMcpOptions(['--emulatr', 'x'], {}, noTokenFile), /Unknown option --emulatr/);
    assert.throws(() => parseMcpOptions(['--tenant'], {}, noTokenFile), /--tenant needs a value/);
    assert.throws(() => parseMcpOptions(['--token', 'secret'], {}, noTokenFile), /give --emulator URL too/);
  });

  it('writes a command line that reads back as the same connection, without a token', () => {
    assert.deepEqual(
      parseMcpOptions(mcpServerArgs({ emulator: 'http://127.0.0.1:5015' }), {}, () => 'from-file'),
      { help: false, connection: { kind: 'emulator', baseUrl: 'http://127.0.0.1:5015/v1', token: 'from-file' } },
    );
    const tenant = mcpServerArgs({ api: 'https://api.fabric.microsoft.us/v1', tenantId: 'contoso.onmicrosoft.us' });
    assert.deepEqual(parseMcpOptions(tenant, {}, noTokenFile), {
      help: false,
      connection: { kind: 'tenant', baseUrl: 'https://api.fabric.microsoft.us/v1', tenantId: 'contoso.onmicrosoft.us' },
    });
  });
});
