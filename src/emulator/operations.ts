// Long-running operations: in async mode a create, getDefinition or updateDefinition answers 202
// and its outcome is read from /operations/{id} (then /result) once the operation has "run".
import { randomUUID } from 'node:crypto';
import type { OperationState } from '../fabric/types';

interface Operation {
  id: string;
  createdMs: number;
  doneMs: number;
  result?: unknown;
}

export class Operations {
  private readonly operations = new Map<string, Operation>();

  constructor(private durationMs: () => number) {}

  start(result?: unknown): Operation {
    const now = Date.now();
    const operation = { id: randomUUID(), createdMs: now, doneMs: now + this.durationMs(), result };
    this.operations.set(operation.id, operation);
    return operation;
  }

  get(id: string): Operation | undefined {
    return this.operations.get(id);
  }

  state(operation: Operation): OperationState {
    const now = Date.now();
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
    return Date.now() >= operation.doneMs;
  }
}
