// Wires the services to VS Code: every registration goes through a registerX(context, deps)
// function and every disposable into context.subscriptions. No logic lives here.
import * as vscode from 'vscode';
import { createLog } from './vscode/common/log';
import { testApi } from './vscode/common/testApi';
import { registerExplorer } from './vscode/explorer/registerExplorer';
import { registerJobs } from './vscode/jobs/registerJobs';

export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('fabricWorkbench.showLog', () => log.show()));
  const explorer = registerExplorer(context, { log });
  const jobs = registerJobs(context, { log, connection: explorer.connection, files: explorer.files });
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  // Nothing for other extensions; the vscode-tier suites and the benchmark get their API (testApi.ts).
  return testApi(() => ({ connection: explorer.connection, explorer, jobs, activationMs }));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
