// Job schedules: …/items/{itemId}/jobs/{jobType}/schedules[/{scheduleId}]. The emulator keeps
// them (and checks them as the service does) but does not trigger runs from them.
import { randomUUID } from 'node:crypto';
import type { ItemSchedule } from '../../fabric/types';
import { badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { pageOf } from '../paging';
import type { Router } from '../router';
import type { StoredSchedule } from '../store';
import { ITEM_COLLECTIONS, requireItem } from './items';

const TYPES = ['Cron', 'Daily', 'Weekly', 'Monthly'];

function checkSchedule(body: unknown): Pick<ItemSchedule, 'enabled' | 'configuration'> {
  const { enabled, configuration } = (body ?? {}) as Partial<ItemSchedule>;
  if (typeof enabled !== 'boolean') throw badRequest('InvalidInput', 'enabled (true or false) is required.');
  if (!configuration || !TYPES.includes(configuration.type)) throw badRequest('InvalidInput', `configuration.type must be one of ${TYPES.join(', ')}.`);
  for (const key of ['startDateTime', 'endDateTime', 'localTimeZoneId'] as const) {
    if (typeof configuration[key] !== 'string' || !configuration[key]) throw badRequest('InvalidInput', `configuration.${key} is required.`);
  }
  if (configuration.type === 'Cron') {
    const interval = configuration.interval as number;
    if (!Number.isInteger(interval) || interval < 1 || interval > 5270400) throw badRequest('InvalidInput', 'configuration.interval must be a whole number of minutes from 1 to 5270400.');
  }
  if (configuration.type !== 'Cron') {
    const times = configuration.times as unknown;
    if (!Array.isArray(times) || times.length === 0 || times.length > 100 || !times.every((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(String(t)))) {
      throw badRequest('InvalidInput', 'configuration.times must list 1 to 100 times as hh:mm.');
    }
  }
  return { enabled, configuration };
}

const present = ({ workspaceId: _w, itemId: _i, jobType: _j, ...schedule }: StoredSchedule): ItemSchedule => schedule;

export function scheduleRoutes(router: Router, ctx: EmulatorContext): void {
  for (const [collection, impliedType] of Object.entries(ITEM_COLLECTIONS)) {
    const base = `/workspaces/{workspaceId}/${collection}/{itemId}/jobs/{jobType}/schedules`;
    const find = (params: Record<string, string>): StoredSchedule => {
      const schedule = ctx.store.schedule(params.scheduleId!);
      if (!schedule || schedule.itemId !== params.itemId) throw notFound('EntityNotFound', 'schedule');
      return schedule;
    };
    router.add('GET', base, ({ params, query, origin }) => {
      const item = requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      const url = `${origin}/v1/workspaces/${params.workspaceId}/${collection}/${params.itemId}/jobs/${params.jobType}/schedules`;
      return pageOf(ctx.store.schedules(item.id, params.jobType!).map(present), query, ctx.pageSize, url);
    });
    router.add('POST', base, ({ params, body, origin }) => {
      const item = requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      const schedule: StoredSchedule = {
        id: randomUUID(),
        ...checkSchedule(body),
        createdDateTime: new Date().toISOString(),
        owner: { id: '00000000-0000-0000-0000-00000000e1a7', type: 'User' },
        workspaceId: item.workspaceId,
        itemId: item.id,
        jobType: params.jobType!,
      };
      ctx.store.putSchedule(schedule);
      const location = `${origin}/v1/workspaces/${item.workspaceId}/items/${item.id}/jobs/${params.jobType}/schedules/${schedule.id}`;
      return { status: 201, body: present(schedule), headers: { Location: location } };
    });
    router.add('GET', `${base}/{scheduleId}`, ({ params }) => {
      requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      return { status: 200, body: present(find(params)) };
    });
    router.add('PATCH', `${base}/{scheduleId}`, ({ params, body }) => {
      requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      const schedule = { ...find(params), ...checkSchedule(body) };
      ctx.store.putSchedule(schedule);
      return { status: 200, body: present(schedule) };
    });
    router.add('DELETE', `${base}/{scheduleId}`, ({ params }) => {
      requireItem(ctx, params.workspaceId!, params.itemId!, impliedType);
      ctx.store.deleteSchedule(find(params).id);
      return { status: 200 };
    });
  }
}
