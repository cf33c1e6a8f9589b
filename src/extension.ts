// Wires the services to VS Code: every registration goes through a registerX(context, deps)
// function and every disposable into context.subscriptions. No logic lives here.
import { loadStarted, loadStartedCpu } from './loadStart';
import * as vscode from 'vscode';
import type { BundleLoad } from './base/codeCache';
import { StepTimes } from './base/stepTimes';
import { registerAgents } from './vscode/agents/registerAgents';
import { scheduleCodeCacheSave } from './vscode/common/codeCacheSave';
import { createLog } from './vscode/common/log';
import { testApi } from './vscode/common/testApi';
import { registerExplorer } from './vscode/explorer/registerExplorer';
import { registerJobs } from './vscode/jobs/registerJobs';
import { registerFabricGit } from './vscode/scm/registerFabricGit';

// Every module above has run its top-level code by now: loading them took this long.
const moduleLoadMs = performance.now() - loadStarted;
const moduleLoadCpuMs = cpuMsSince(loadStartedCpu);

/** `load`: how main.ts compiled this bundle (through the code cache), when it did. */
export function activate(context: vscode.ExtensionContext, load?: BundleLoad) {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  // Where activation's time goes, for the benchmark (a few performance.now() calls).
  const steps = new StepTimes();
  const log = steps.time('log', () => {
    const channel = createLog();
    context.subscriptions.push(
      channel,
      vscode.commands.registerCommand('fabricWorkbench.showLog', () => channel.show()),
    );
    return channel;
  });
  const explorer = steps.time('explorer', () => registerExplorer(context, { log }));
  const jobs = steps.time('jobs', () => registerJobs(context, { log, connection: explorer.connection, files: explorer.files, workspacesTree: explorer.tree }));
  const git = steps.time('git', () => registerFabricGit(context, { log, connection: explorer.connection, explorer }));
  const agents = steps.time('agents', () => registerAgents(context, { log, connection: explorer.connection, monitor: jobs.monitor, files: explorer.files }));
  const activationMs = performance.now() - started;
  const activationCpuMs = cpuMsSince(startedCpu);
  log.info(
    `Activated in ${activationMs.toFixed(1)} ms (modules loaded in ${moduleLoadMs.toFixed(1)} ms` +
      (load ? `, compiled in ${load.compileMs.toFixed(1)} ms, code cache ${load.cache}).` : ').'),
  );
  if (load) context.subscriptions.push(scheduleCodeCacheSave(load, log));
  // Nothing for other extensions; the vscode-tier suites and the benchmark get their API (testApi.ts).
  return testApi(() => ({
    connection: explorer.connection,
    explorer,
    jobs,
    agents,
    git,
    activationMs,
    moduleLoadMs,
    activationCpuMs,
    moduleLoadCpuMs,
    activationSteps: steps.ms,
    compileMs: load?.compileMs,
    codeCache: load?.cache,
    saveCodeCache: () => load?.saveCache(),
  }));
}

/** The process's CPU time (user and system) since `start`, in milliseconds. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
