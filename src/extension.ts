// Wires the services to VS Code: every registration goes through a registerX(context, deps)
// function and every disposable into context.subscriptions. No logic lives here.
import { loadStarted } from './loadStart';
import * as vscode from 'vscode';
import { registerAgents } from './vscode/agents/registerAgents';
import { createLog } from './vscode/common/log';
import { testApi } from './vscode/common/testApi';
import { registerExplorer } from './vscode/explorer/registerExplorer';
import { registerJobs } from './vscode/jobs/registerJobs';
import { registerFabricGit } from './vscode/scm/registerFabricGit';

// Every module above has run its top-level code by now: loading them took this long.
const moduleLoadMs = performance.now() - loadStarted;

export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('fabricWorkbench.showLog', () => log.show()));
  const explorer = registerExplorer(context, { log });
  const jobs = registerJobs(context, { log, connection: explorer.connection, files: explorer.files, workspacesTree: explorer.tree });
  const git = registerFabricGit(context, { log, connection: explorer.connection, explorer });
  const agents = registerAgents(context, { log, connection: explorer.connection, monitor: jobs.monitor, files: explorer.files });
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms (modules loaded in ${moduleLoadMs.toFixed(1)} ms).`);
  // Nothing for other extensions; the vscode-tier suites and the benchmark get their API (testApi.ts).
  return testApi(() => ({ connection: explorer.connection, explorer, jobs, agents, git, activationMs, moduleLoadMs }));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
