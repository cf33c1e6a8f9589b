/**
 * How long each named step took, in milliseconds, in the order the steps ran: activate()'s
 * breakdown (one per register* call), which the cold-start benchmark reports beside the total.
 */
export class StepTimes {
  readonly ms: Record<string, number> = {};

  /** Runs `step` and keeps how long it took under `name`; a throw still counts its time. */
  time<T>(name: string, step: () => T): T {
    const started = performance.now();
    try {
      return step();
    } finally {
      this.ms[name] = performance.now() - started;
    }
  }
}
