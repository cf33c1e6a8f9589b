// The test-runner extension: installed beside the built Fabric Workbench in code-server, it runs
// the bundled vscode-tier suites (suites.js) inside the real extension host and writes the report
// and the counts to the results file named in runner-config.json (written by the harness). On a
// desktop VS Code it only contributes the stand-in authentication: @vscode/test-electron runs the
// suites through desktop.js.
const fs = require('node:fs');
const { readConfig, runSuites } = require('./suites');

function activate() {
  const config = readConfig();
  if (config.desktop) return;
  void runSuites(config).then((result) => {
    fs.writeFileSync(`${config.resultsFile}.tmp`, JSON.stringify(result));
    fs.renameSync(`${config.resultsFile}.tmp`, config.resultsFile);
  });
}

module.exports = { activate, deactivate() {} };
