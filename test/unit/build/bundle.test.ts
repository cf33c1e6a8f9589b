import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const inputsOf = (bundle: string): string[] =>
  (JSON.parse(fs.readFileSync(path.join(root, 'dist', `${bundle}.meta.json`), 'utf8')) as { inputs: string[] }).inputs;

// Activation loads dist/extension.js only: what is there is paid for at every start of VS Code.
describe('the extension bundle', () => {
  before(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  });

  it('leaves the rarely used libraries (ajv, the Power Query parser, @azure/identity) to files loaded on first use', () => {
    const activation = inputsOf('extension');
    for (const library of ['node_modules/ajv/', 'node_modules/@microsoft/powerquery-parser/', 'node_modules/@azure/identity/']) {
      assert.ok(!activation.some((input) => input.includes(library)), `${library} is in dist/extension.js`);
    }
    assert.ok(inputsOf('runFileSchema').some((input) => input.includes('node_modules/ajv/')));
  });

  it('loads: every module it requires resolves (a stand-in answers for vscode)', () => {
    // A package whose build esbuild cannot follow (jsonc-parser's UMD) leaves a require of a file
    // that is not in dist/, and activation fails; loading the bundle shows it.
    const script = `
      const Module = require('node:module');
      // Its own prototype, so esbuild's copy of the module (an object made from that prototype) answers every name too.
      const stub = new Proxy(function () {}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub, getPrototypeOf: () => stub });
      const load = Module._load;
      Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
      require(${JSON.stringify(path.join(root, 'dist/extension.js'))});
    `;
    execFileSync(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  });

  it("leaves the MCP SDK to dist/mcp.js, the MCP server, which shares @azure/identity's lazy module", () => {
    const activation = inputsOf('extension');
    assert.ok(!activation.some((input) => input.includes('node_modules/@modelcontextprotocol/') || input.includes('node_modules/zod/')));
    const server = inputsOf('mcp');
    assert.ok(server.some((input) => input.includes('node_modules/@modelcontextprotocol/sdk/')));
    assert.ok(!server.some((input) => input.includes('node_modules/@azure/identity/')), '@azure/identity is loaded from dist/azureIdentity.js');
  });

  it('checks a run file with the separately built schema module', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validateRunFile } = require(path.join(root, 'dist/runFileSchema.js')) as { validateRunFile: (json: unknown) => boolean };
    assert.equal(validateRunFile({ runs: [{ name: 'Nightly', workspace: 'Sales', item: 'Hello' }] }), true);
    assert.equal(validateRunFile({ runs: [{ workspace: 'Sales', item: 'Hello' }] }), false);
  });
});
