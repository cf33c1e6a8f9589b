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

  it("leaves out jsonc-parser's formatter, whose string caches would be built at every load", () => {
    // scripts/build.mjs marks jsonc-parser side-effect free; without it esbuild keeps format.js.
    const activation = inputsOf('extension');
    assert.ok(activation.some((input) => input.includes('node_modules/jsonc-parser/lib/esm/impl/parser.js')));
    for (const unused of ['format.js', 'edit.js', 'string-intern.js'])
      assert.ok(!activation.some((input) => input.endsWith(`jsonc-parser/lib/esm/impl/${unused}`)), unused);
  });

  it('packages every file the bundles load on first use', function () {
    this.timeout(60_000);
    // A lazy module the VSIX lacks fails only when a user first needs it: check what vsce would ship.
    const shipped = new Set(
      execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim()),
    );
    const { main } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    assert.equal(main, './dist/main.js', 'VS Code starts the entry point, which loads dist/extension.js through the code cache');
    assert.ok(shipped.has('dist/main.js'));
    assert.match(fs.readFileSync(path.join(root, 'dist/main.js'), 'utf8'), /"extension\.js"/);
    for (const bundle of ['extension', 'mcp']) {
      const lazy = [...fs.readFileSync(path.join(root, 'dist', `${bundle}.js`), 'utf8').matchAll(/(?:import|require)\("\.\/([\w.-]+\.js)"\)/g)].map(
        (m) => m[1]!,
      );
      assert.ok(bundle !== 'extension' || lazy.length >= 3, 'the extension loads its rarely used libraries on first use');
      for (const file of [`${bundle}.js`, ...lazy]) assert.ok(shipped.has(`dist/${file}`), `dist/${file} (loaded by dist/${bundle}.js) is not in the VSIX`);
    }
  });

  it('loads: every module it requires resolves (a stand-in answers for vscode)', () => {
    // A package whose build esbuild cannot follow (jsonc-parser's UMD) leaves a require of a file
    // that is not in dist/, and activation fails; loading the bundle shows it.
    assert.ok(loadBundle().includes('vscode'));
  });

  it('copies the vscode API once for all its modules, and leaves the HTTP stack (node-fetch, its stream polyfills) to the first request', () => {
    // esbuild's namespace import of an external module copies its few hundred names per importing
    // module (scripts/build.mjs, vscode-once); the HTTP stack's top-level code is paid at load too.
    assert.equal(fs.readFileSync(path.join(root, 'dist/extension.js'), 'utf8').match(/require\("vscode"\)/g)?.length, 1);
    const loaded = loadBundle();
    for (const module of ['node:http', 'node:https', 'node:zlib', 'node:stream']) assert.ok(!loaded.includes(module), `${module} loads with the bundle`);
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

/** Loads dist/extension.js in a fresh Node with a stand-in for `vscode`; answers the modules it required. */
function loadBundle(): string[] {
  // The stand-in has the API's names as its own properties, as the real module has.
  const dts = fs.readFileSync(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = [...new Set([...dts.matchAll(/^\texport (?:class|namespace|enum|const|let|function) (\w+)/gm)].map((m) => m[1]))];
  const script = `
    const Module = require('node:module');
    const names = ${JSON.stringify(names)};
    const stub = new Proxy(function () {}, {
      get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : stub),
      apply: () => stub,
      construct: () => stub,
      ownKeys: (target) => [...Reflect.ownKeys(target), ...names],
      getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(target, key) ?? { value: stub, configurable: true, enumerable: true, writable: true },
    });
    const required = new Set();
    const load = Module._load;
    Module._load = function (request, ...rest) {
      required.add(request);
      return request === 'vscode' ? stub : load.call(this, request, ...rest);
    };
    require(${JSON.stringify(path.join(root, 'dist/extension.js'))});
    process.stdout.write(JSON.stringify([...required]));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })) as string[];
}
