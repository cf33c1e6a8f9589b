// How many notebook runs have a Python process at once. Each run is a process of up to the memory
// limit (4 GB by default): a client that submits a hundred runs at once must not fork a hundred
// processes, so runs past the limit wait here, first come first served, and a cancelled one leaves
// the line without ever starting.
export class RunSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Resolves with the slot's release once the run may start; undefined if `signal` aborts first. */
  async acquire(signal: AbortSignal): Promise<(() => void) | undefined> {
    if (signal.aborted) return undefined;
    if (this.running >= this.limit) {
      const admitted = await new Promise<boolean>((resolve) => {
        const admit = () => {
          signal.removeEventListener('abort', leave);
          resolve(true);
        };
        const leave = () => {
          this.waiting.splice(this.waiting.indexOf(admit), 1);
          resolve(false);
        };
        this.waiting.push(admit);
        signal.addEventListener('abort', leave, { once: true });
      });
      if (!admitted) return undefined;
    } else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next run in line, so `running` counts it still.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
