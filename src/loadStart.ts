// When the bundle began to run: extension.ts imports this first, so the time from here to its own
// top-level code is what loading the modules costs, reported beside activate().
export const loadStarted = performance.now();
