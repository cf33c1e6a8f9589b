// Long-running operations: in async mode a create, getDefinition or updateDefinition answers 202
// and its outcome is read from /operations/{id} (then /result) once the operation has "run".
// A finished operation is forgotten RETENTION_MS after it ended (then 404 OperationNotFound, as
// for any unknown id): results hold whole definitions, and a long-running emulator must not keep
// every one it ever served. Five minutes outlast any Retry-After and throttling window a client
// waits through before it reads the result.
import { randomUUID } from 'node:crypto';
import type { OperationState } from '../fabric/types';

interface Operation {
  id: string;
  createdMs: number;
  doneMs: number;
  result?: unknown;
}

export const RETENTION_MS = 5 * 60_000;
/** Forgetting scans every operation: at most once a second. */
const SWEEP_EVERY_MS = 1000;

export class Operations {
  private readonly operations = new Map<string, Operation>();
  private lastSweepMs = 0;

  constructor(
    private durationMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  start(result?: unknown): Operation {
    const now = this.now();
    this.forgetExpired(now);
    const operation = { id: randomUUID(), createdMs: now, doneMs: now + this.durationMs(), result };
    this.operations.set(operation.id, operation);
    return operation;
  }

  get(id: string): Operation | undefined {
    const operation = this.operations.get(id);
    return operation && !this.expired(operation, this.now()) ? operation : undefined;
  }

  /** Operations kept: running ones and those finished within the retention window (at most a second more). */
  get size(): number {
    return this.operations.size;
  }

  state(operation: Operation): OperationState {
    const now = this.now();
    const done = now >= operation.doneMs;
    const span = Math.max(1, operation.doneMs - operation.createdMs);
    return {
      status: done ? 'Succeeded' : 'Running',
      createdTimeUtc: new Date(operation.createdMs).toISOString(),
      lastUpdatedTimeUtc: new Date(Math.min(now, operation.doneMs)).toISOString(),
      percentComplete: done ? 100 : Math.min(99, Math.floor(((now - operation.createdMs) / span) * 100)),
    };
  }

  isDone(operation: Operation): boolean {
    return this.now() >= operation.doneMs;
  }

  private expired(operation: Operation, now: number): boolean {
    return now >= operation.doneMs + RETENTION_MS;
  }

  private forgetExpired(now: number): void {
    if (now - this.lastSweepMs < SWEEP_EVERY_MS) return;
    this.lastSweepMs = now;
    for (const [id, operation] of this.operations) if (this.expired(operation, now)) this.operations.delete(id);
  }
}
