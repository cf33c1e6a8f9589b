// Job schedules: …/items/{itemId}/jobs/{jobType}/schedules[/{scheduleId}], checked as the service
// checks them; every change goes to the trigger, which starts their runs (scheduleTrigger.ts).
import { randomUUID } from 'node:crypto';
import type { Item, ItemSchedule } from '../../fabric/types';
import { badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { jobKinds } from '../../fabric/itemKinds';
import { requireItemJob } from '../jobTypes';
import { pageOf } from '../paging';
import type { Router } from '../router';
import { checkSchedule } from '../scheduleRules';
import type { StoredSchedule } from '../store';
import { ITEM_COLLECTIONS, requireItem } from './items';

/**
 * The emulator's limit on an item's schedules of one job type (the contract names the error,
 * ScheduleExceedsLimit, not the number): each enabled one is a timer and a run at every due time.
 */
const MAX_SCHEDULES = 20;

const present = ({ workspaceId: _w, itemId: _i, jobType: _j, ...schedule }: StoredSchedule): ItemSchedule => schedule;

export function scheduleRoutes(router: Router, ctx: EmulatorContext): void {
  for (const [collection, impliedType] of Object.entries(ITEM_COLLECTIONS)) {
    const base = `/workspaces/{workspaceId}/${collection}/{itemId}/jobs/{jobType}/schedules`;
    // The job type must be one the item has, for the item types whose job types the emulator knows.
    const item = (params: Record<string, string>): Item => {
      const found = requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      if (jobKinds(found.type).length) requireItemJob(found, params.jobType!);
      return found;
    };
    const find = (params: Record<string, string>): StoredSchedule => {
      const schedule = ctx.store.schedule(params.scheduleId!);
      if (!schedule || schedule.itemId !== params.itemId || schedule.jobType.toLowerCase() !== params.jobType!.toLowerCase())
        throw notFound('EntityNotFound', 'schedule');
      return schedule;
    };
    router.add('GET', base, ({ params, query, origin }) => {
      const found = item(params);
      const url = `${origin}/v1/workspaces/${params.workspaceId}/${collection}/${params.itemId}/jobs/${params.jobType}/schedules`;
      return pageOf(ctx.store.schedules(found.id, params.jobType!).map(present), query, ctx.pageSize, url);
    });
    router.add('POST', base, ({ params, body, origin }) => {
      const found = item(params);
      if (ctx.store.schedules(found.id, params.jobType!).length >= MAX_SCHEDULES)
        throw badRequest(
          'ScheduleExceedsLimit',
          `The item has ${MAX_SCHEDULES} ${params.jobType} schedules, the emulator's limit: delete one before creating another.`,
        );
      const schedule: StoredSchedule = {
        id: randomUUID(),
        ...checkSchedule(body),
        createdDateTime: new Date().toISOString(),
        owner: { id: '00000000-0000-0000-0000-00000000e1a7', type: 'User' },
        workspaceId: found.workspaceId,
        itemId: found.id,
        jobType: params.jobType!,
      };
      ctx.store.putSchedule(schedule);
      ctx.triggers.changed(schedule.id);
      const location = `${origin}/v1/workspaces/${found.workspaceId}/items/${found.id}/jobs/${params.jobType}/schedules/${schedule.id}`;
      return { status: 201, body: present(schedule), headers: { Location: location } };
    });
    router.add('GET', `${base}/{scheduleId}`, ({ params }) => {
      item(params);
      return { status: 200, body: present(find(params)) };
    });
    router.add('PATCH', `${base}/{scheduleId}`, ({ params, body }) => {
      item(params);
      const schedule = { ...find(params), ...checkSchedule(body) };
      ctx.store.putSchedule(schedule);
      ctx.triggers.changed(schedule.id);
      return { status: 200, body: present(schedule) };
    });
    router.add('DELETE', `${base}/{scheduleId}`, ({ params }) => {
      item(params);
      const { id } = find(params);
      ctx.store.deleteSchedule(id);
      ctx.triggers.changed(id);
      return { status: 200 };
    });
  }
}
