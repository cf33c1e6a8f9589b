// What the route handlers share.
import type { MonitoringPages } from './monitoringPages';
import type { Operations } from './operations';
import type { JobScheduler } from './jobScheduler';
import type { ScheduleTrigger } from './scheduleTrigger';
import type { Store } from './store';

export interface EmulatorContext {
  store: Store;
  operations: Operations;
  scheduler: JobScheduler;
  triggers: ScheduleTrigger;
  /** The notebook runs' monitoring pages, and their signed links. */
  monitoring: MonitoringPages;
  pageSize: number;
  lroMode: 'sync' | 'async';
}
