// What the route handlers share.
import type { Operations } from './operations';
import type { JobScheduler } from './jobScheduler';
import type { ScheduleTrigger } from './scheduleTrigger';
import type { Store } from './store';

export interface EmulatorContext {
  store: Store;
  operations: Operations;
  scheduler: JobScheduler;
  triggers: ScheduleTrigger;
  pageSize: number;
  lroMode: 'sync' | 'async';
}
