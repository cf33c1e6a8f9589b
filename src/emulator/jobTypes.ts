// The job types each runnable item type accepts (path segment or ?jobType=, any case) and the
// runner's name for each: shared by runs, job lists and schedules.
import type { Item } from '../fabric/types';
import { badRequest } from './apiError';

export const JOB_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Notebook: { runnotebook: 'RunNotebook', execute: 'RunNotebook', defaultjob: 'RunNotebook' },
  DataPipeline: { pipeline: 'Pipeline', execute: 'Pipeline' },
  Dataflow: { refresh: 'Refresh', execute: 'Refresh', publish: 'Publish', applychanges: 'ApplyChanges' },
};

/** The runner's job type for `jobType` of this item; 400 InvalidJobType when the item has no such job. */
export function runnerJobType(item: Item, jobType: string): string {
  const runnerType = JOB_TYPES[item.type]?.[jobType.toLowerCase()];
  if (!runnerType) throw badRequest('InvalidJobType', `'${jobType}' is not a job type of ${item.type} items.`);
  return runnerType;
}

/** As the service reports it: the path's job type with a capital first letter (Execute, ApplyChanges). */
export function reportedJobType(jobType: string): string {
  return jobType.charAt(0).toUpperCase() + jobType.slice(1);
}
