import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runCli, type CliProcess } from './cliProcess';
import { call, tempDir } from './emulatorHarness';

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
