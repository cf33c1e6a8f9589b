import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_HOME, runCli, type CliProcess } from './cliProcess';
import { call, tempDir } from './emulatorHarness';
import { exchange } from './rawHttp';

describe('emulator command line', function () {
  this.timeout(20_000);
  let cli: CliProcess | undefined;
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    cli?.child.kill('SIGKILL');
    cli = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a free port with --port 0, prints its address and token, and stops on SIGTERM with exit code 0', async () => {
    cli = runCli(['--port', '0', '--data', dir, '--empty', '--token', 'cli-test-token']);
    const [, url] = await cli.waitFor(/Fabric emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    assert.match(cli.output(), /Token: cli-test-token /);
    await cli.waitFor(new RegExp(`API base URL: ${url}/v1`));

    const answer = await call({ baseUrl: `${url}/v1`, token: 'cli-test-token' }, 'GET', '/workspaces');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { value: [] }, '--empty: no sample workspace');

    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    await assert.rejects(fetch(`${url}/v1/workspaces`));
  });

  it("without --token prints the data folder's random token and the per-user file it left it in, the same after a restart", async () => {
    const tokens: string[] = [];
    for (let run = 0; run < 2; run++) {
      cli = runCli(['--port', '0', '--data', dir, '--empty']);
      const [, token] = await cli.waitFor(/Token: (\S+) /);
      const [, port] = await cli.waitFor(/Fabric emulator listening on http:\/\/127\.0\.0\.1:(\d+)\n/);
      const file = join(CLI_HOME, '.fabric-workbench', 'emulator', `loopback-${port}.token`);
      assert.match(cli.output(), new RegExp(`Token file for local clients: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(readFileSync(file, 'utf8').trim(), token);
      assert.equal((await call({ baseUrl: `http://127.0.0.1:${port}/v1`, token: token! }, 'GET', '/workspaces')).status, 200);
      tokens.push(token!);
      cli.child.kill('SIGTERM');
      await cli.exited;
      assert.equal(existsSync(file), false, 'removed when it stops');
    }
    assert.notEqual(tokens[0], 'fabric-emulator-dev-token');
    assert.equal(tokens[0], tokens[1]);
  });

  it('keeps running after request targets that used to end the process (//, http://[/, http://x:99999/)', async () => {
    cli = runCli(['--port', '0', '--data', dir, '--empty', '--token', 'cli-test-token']);
    const [, port] = await cli.waitFor(/Fabric emulator listening on http:\/\/127\.0\.0\.1:(\d+)\n/);
    for (const target of ['//', 'http://[/', 'http://x:99999/']) {
      const answer = await exchange(Number(port), `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer cli-test-token\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 4\d\d /, target);
    }
    assert.equal((await call({ baseUrl: `http://127.0.0.1:${port}/v1`, token: 'cli-test-token' }, 'GET', '/workspaces')).status, 200);
    assert.equal(cli.child.exitCode, null, 'still running');
  });

  it('warns that a non-loopback --host is remote code execution', async () => {
    cli = runCli(['--port', '0', '--data', dir, '--empty', '--host', '0.0.0.0']);
    await cli.waitFor(/Fabric emulator listening on/);
    assert.match(
      cli.output(),
      /WARNING: listening on 0\.0\.0\.0, reachable from other machines: anyone who has the token can run code on this machine \(notebooks run as local Python\)\. This is remote code execution/,
    );
  });

  const refusals: [string[], RegExp][] = [
    [['--lro', 'maybe'], /--lro is sync or async, not "maybe"/],
    [['--faults', 'chaos=1'], /Unknown fault "chaos"/],
    [['--colour'], /Unknown option '--colour'/],
  ];
  for (const [args, message] of refusals) {
    it(`exits 2 with a message and the usage on ${args.join(' ')}`, async () => {
      cli = runCli(['--port', '0', '--data', dir, ...args]);
      assert.deepEqual(await cli.exited, { code: 2, signal: null });
      assert.match(cli.output(), message);
      assert.match(cli.output(), /Usage: npm run emulator -- \[options\]/);
    });
  }
});
