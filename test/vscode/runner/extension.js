// The test-runner extension: installed beside the built Fabric Workbench in code-server, it runs
// the bundled vscode-tier suites with mocha inside the real extension host and writes the report
// and the counts to the results file named in runner-config.json (written by the harness).
const fs = require('node:fs');
const path = require('node:path');

function writeResult(file, result) {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(result));
  fs.renameSync(`${file}.tmp`, file);
}

function activate() {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'runner-config.json'), 'utf8'));
  const lines = [];
  const say = (line) => {
    lines.push(line);
    fs.appendFileSync(config.progressFile, `${line}\n`);
  };
  try {
    const Mocha = require(config.mochaPath);
    const mocha = new Mocha({ ui: 'bdd', timeout: config.timeout ?? 60000, color: false, forbidOnly: true });
    if (config.grep) mocha.grep(config.grep);
    for (const file of config.suites) mocha.addFile(file);
    let passed = 0;
    let failed = 0;
    let pending = 0;
    const depth = (test) => {
      let d = 0;
      for (let p = test.parent; p && !p.root; p = p.parent) d++;
      return '  '.repeat(d);
    };
    const runner = mocha.run(() => {
      say('');
      say(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      writeResult(config.resultsFile, { passed, failed, pending, report: lines.join('\n') });
    });
    runner.on('suite', (suite) => { if (suite.title) say(`${depth(suite)}${suite.title}`); });
    runner.on('pass', (test) => { passed++; say(`${depth(test)}✔ ${test.title} (${test.duration} ms)`); });
    runner.on('pending', (test) => { pending++; say(`${depth(test)}- ${test.title}`); });
    runner.on('fail', (test, err) => {
      failed++;
      say(`${depth(test)}✘ ${test.fullTitle()}`);
      say(String(err && err.stack ? err.stack : err).split('\n').map((l) => `      ${l}`).join('\n'));
    });
  } catch (err) {
    say(`The test runner could not start: ${err && err.stack ? err.stack : err}`);
    writeResult(config.resultsFile, { passed: 0, failed: 1, pending: 0, report: lines.join('\n') });
  }
}

module.exports = { activate, deactivate() {} };
