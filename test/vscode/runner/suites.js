// Runs the bundled vscode-tier suites with mocha inside the extension host, for both runners:
// code-server's (extension.js, which the harness reads through files) and the desktop one
// (desktop.js, which @vscode/test-electron calls). Resolves the counts and the report.
const fs = require('node:fs');

function runSuites(config) {
  const lines = [];
  const say = (line) => {
    lines.push(line);
    if (config.progressFile) fs.appendFileSync(config.progressFile, `${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return new Promise((resolve) => {
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
        resolve({ passed, failed, pending, report: lines.join('\n') });
      });
      runner.on('suite', (suite) => {
        if (suite.title) say(`${depth(suite)}${suite.title}`);
      });
      runner.on('pass', (test) => {
        passed++;
        say(`${depth(test)}✔ ${test.title} (${test.duration} ms)`);
      });
      runner.on('pending', (test) => {
        pending++;
        say(`${depth(test)}- ${test.title}`);
      });
      runner.on('fail', (test, err) => {
        failed++;
        say(`${depth(test)}✘ ${test.fullTitle()}`);
        say(
          String(err && err.stack ? err.stack : err)
            .split('\n')
            .map((l) => `      ${l}`)
            .join('\n'),
        );
      });
    } catch (err) {
      say(`The test runner could not start: ${err && err.stack ? err.stack : err}`);
      resolve({ passed: 0, failed: 1, pending: 0, report: lines.join('\n') });
    }
  });
}

function readConfig() {
  return JSON.parse(fs.readFileSync(require('node:path').join(__dirname, 'runner-config.json'), 'utf8'));
}

module.exports = { runSuites, readConfig };
