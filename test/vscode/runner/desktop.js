// The extensionTestsPath of `npm run test:vscode -- --desktop`: @vscode/test-electron calls run()
// in the desktop VS Code's extension host, and a rejection fails the run.
const { readConfig, runSuites } = require('./suites');

async function run() {
  const result = await runSuites(readConfig());
  if (result.passed + result.failed === 0) throw new Error('No vscode-tier test ran.');
  if (result.failed > 0) throw new Error(`${result.failed} vscode-tier test(s) failed.`);
}

module.exports = { run };
