// When the bundle began to run: extension.ts imports this first, so the time from here to its own
// top-level code is what loading the modules costs, reported beside activate(). The process's CPU
// time beside it: on a busy machine the wall time holds the waits for a core, the CPU time does not.
export const loadStarted = performance.now();
export const loadStartedCpu = process.cpuUsage();
