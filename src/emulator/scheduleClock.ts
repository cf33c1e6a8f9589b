// The clock schedules fire by. It runs 1/timeScale times faster than real time from the emulator's
// start (time-scale 0.01: a one-minute schedule fires every 0.6 s), so tests and demos see
// schedules fire without waiting for them; a time scale of 0 makes simulated work instant but
// cannot make a clock infinitely fast, so the schedule clock then keeps real time. Tests inject
// their own clock and move it by hand.

export interface ScheduleClock {
  /** The schedule clock's time (epoch ms). */
  now(): number;
  /** Calls `fire` once the clock has reached `time`; the answer cancels it. */
  at(time: number, fire: () => void): () => void;
}

/** setTimeout's longest delay; a later time is reached through several timers. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function scaledClock(timeScale: number): ScheduleClock {
  const origin = Date.now();
  const rate = timeScale > 0 ? 1 / timeScale : 1;
  const now = () => origin + (Date.now() - origin) * rate;
  return {
    now,
    at(time, fire) {
      let timer: NodeJS.Timeout;
      const wait = () => {
        const left = time - now();
        if (left <= 0) return fire();
        // unref: a pending schedule never keeps a process alive on its own (close() clears them anyway).
        timer = setTimeout(wait, Math.min(MAX_TIMER_MS, Math.ceil(left / rate))).unref();
      };
      wait();
      return () => clearTimeout(timer);
    },
  };
}
