// An item's schedules over all its schedulable job types (JobScheduler_ListItemSchedules, one list
// per job type, side by side), each with the job type it belongs to.
import type { Item, ItemSchedule } from '../fabric/types';
import { schedulableJobTypes } from '../fabric/itemKinds';

export interface ItemScheduleEntry {
  jobType: string;
  schedule: ItemSchedule;
}

export interface SchedulesClient {
  listSchedules(workspaceId: string, itemId: string, jobType: string): Promise<ItemSchedule[]>;
}

export async function listItemSchedules(client: SchedulesClient, workspaceId: string, item: Pick<Item, 'id' | 'type'>): Promise<ItemScheduleEntry[]> {
  const lists = await Promise.all(
    schedulableJobTypes(item.type).map(async (jobType) =>
      (await client.listSchedules(workspaceId, item.id, jobType)).map((schedule) => ({ jobType, schedule })),
    ),
  );
  return lists.flat();
}
