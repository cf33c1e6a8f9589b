// The job an item runs for a job type (path segment or ?jobType=, any case), from the item-kind
// registry: shared by runs, job lists and schedules.
import { jobKindOf, type JobKind } from '../fabric/itemKinds';
import type { Item } from '../fabric/types';
import { badRequest } from './apiError';

/** The item's job for `jobType`; 400 InvalidJobType when the item has no such job. */
export function requireItemJob(item: Item, jobType: string): JobKind {
  const job = jobKindOf(item.type, jobType);
  if (!job) throw badRequest('InvalidJobType', `'${jobType}' is not a job type of ${item.type} items.`);
  return job;
}

/** As the service reports it: the job's own name when the path names it, else the path's job type with a capital first letter (Execute, ApplyChanges). */
export function reportedJobType(job: JobKind, jobType: string): string {
  return job.jobType.toLowerCase() === jobType.toLowerCase() ? job.jobType : jobType.charAt(0).toUpperCase() + jobType.slice(1);
}
