// What the route handlers share.
import type { Operations } from './operations';
import type { JobScheduler } from './jobScheduler';
import type { Store } from './store';

export interface EmulatorContext {
  store: Store;
  operations: Operations;
  scheduler: JobScheduler;
  pageSize: number;
  lroMode: 'sync' | 'async';
}
