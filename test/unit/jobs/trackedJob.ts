// A Hello Fabric notebook run as the tracker keeps it, with the fields a test cares about changed.
import type { TrackedJob } from '../../../src/jobs/TrackedJob';

export function trackedJob(fields: Partial<TrackedJob> = {}): TrackedJob {
  return {
    id: 'j',
    workspaceId: 'w',
    itemId: 'i',
    itemName: 'Hello Fabric',
    itemType: 'Notebook',
    kind: 'notebook',
    jobType: 'RunNotebook',
    parameters: [],
    status: 'Completed',
    submittedAt: 1_000,
    noticedAt: 5_000,
    ...fields,
  };
}
