// Faults on request, for the reliability tests and the benchmarks:
// "throttle=120/min,error5xx=0.05,reset=0.01,latency=40ms,lro=2s,seed=7".
import { seededRandom } from './random';

export interface FaultSpec {
  /** Calls per minute per caller before 429s (fixed 60 s windows). */
  throttlePerMinute?: number;
  /** Probability of a 500/503 answer. */
  error5xx?: number;
  /** Probability of a dropped connection. */
  reset?: number;
  /** Added to every answer. */
  latencyMs?: number;
  /** How long an asynchronous long-running operation takes. */
  lroMs?: number;
  seed?: number;
}

function duration(text: string, key: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`Fault "${key}" needs a duration such as 40ms, 2s or 1m, not "${text}".`);
  const unit = match[2] ?? 'ms';
  return Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000);
}

function probability(text: string, key: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`Fault "${key}" needs a probability between 0 and 1, not "${text}".`);
  return value;
}

export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [key, value] = entry.split('=').map((s) => s.trim());
    if (!value) throw new Error(`Fault "${entry}" needs a value: key=value.`);
    switch (key) {
      case 'throttle': {
        const match = /^(\d+)\/(min|s)$/.exec(value);
        if (!match) throw new Error(`Fault "throttle" needs a rate such as 120/min, not "${value}".`);
        spec.throttlePerMinute = Number(match[1]) * (match[2] === 's' ? 60 : 1);
        break;
      }
      case 'error5xx':
        spec.error5xx = probability(value, key);
        break;
      case 'reset':
        spec.reset = probability(value, key);
        break;
      case 'latency':
        spec.latencyMs = duration(value, key);
        break;
      case 'lro':
        spec.lroMs = duration(value, key);
        break;
      case 'seed': {
        if (!/^\d+$/.test(value)) throw new Error(`Fault "seed" needs a whole number, not "${value}".`);
        spec.seed = Number(value);
        break;
      }
      default:
        throw new Error(`Unknown fault "${key}": use throttle, error5xx, reset, latency, lro or seed.`);
    }
  }
  return spec;
}

export type FaultDecision =
  { kind: 'none' } | { kind: 'throttle'; retryAfterSeconds: number; until: Date } | { kind: 'error'; status: 500 | 503 } | { kind: 'reset' };

/** Decides, request by request, which fault (if any) a caller meets. */
export class FaultInjector {
  private readonly random: () => number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly spec: FaultSpec,
    private readonly now: () => number = Date.now,
  ) {
    this.random = seededRandom(spec.seed ?? 1);
  }

  decide(caller: string): FaultDecision {
    const { throttlePerMinute, error5xx = 0, reset = 0 } = this.spec;
    if (throttlePerMinute !== undefined) {
      const now = this.now();
      let window = this.windows.get(caller);
      if (!window || now - window.start >= 60_000) {
        window = { start: now, count: 0 };
        this.windows.set(caller, window);
      }
      window.count++;
      if (window.count > throttlePerMinute) {
        const until = window.start + 60_000;
        return { kind: 'throttle', retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)), until: new Date(until) };
      }
    }
    const roll = this.random();
    if (roll < reset) return { kind: 'reset' };
    if (roll < reset + error5xx) return { kind: 'error', status: this.random() < 0.5 ? 500 : 503 };
    return { kind: 'none' };
  }
}
