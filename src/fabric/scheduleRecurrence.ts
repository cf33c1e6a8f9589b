// When a schedule is due (common/job_scheduling.json): a Cron schedule every `interval` minutes from
// its start; Daily, Weekly and Monthly ones at their `times` of day in the schedule's own zone
// (daylight saving included, through Intl), on the days their rule names; never before the start
// or after the end. The emulator fires schedules by it, the tree shows the next run time by it.
import { parseScheduleDateTime, WEEK_INDEXES, WEEKDAYS } from './scheduleRules';
import { ianaTimeZone } from './timeZones';
import type { ItemSchedule } from './types';

type Config = ItemSchedule['configuration'];

const MINUTE_MS = 60_000;
/** Days looked at before giving up (a Monthly "Fifth Monday" every 12 months can skip years). */
const SEARCH_DAYS = 366 * 8;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', ...fields })));
  }
  return f;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in `zone` at the instant `ms`. */
export function localTime(zone: string, ms: number): LocalTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(ms)
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** How far `zone` is ahead of UTC at the instant `ms`. */
function offsetMs(zone: string, ms: number): number {
  const t = localTime(zone, ms);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time in `zone` happens (a time skipped by daylight saving moves forward). */
function instantOf(zone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const guess = asUtc - offsetMs(zone, asUtc);
  return asUtc - offsetMs(zone, guess);
}

/** Whether the schedule runs on a local date (`monthsFromStart` counts calendar months from the start's month). */
function runsOn(config: Config, date: Date, monthsFromStart: number): boolean {
  const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7];
  switch (config.type) {
    case 'Daily':
      return true;
    case 'Weekly':
      return (config.weekdays as string[]).includes(weekday ?? '');
    case 'Monthly': {
      if (monthsFromStart % (config.recurrence as number) !== 0) return false;
      const occurrence = config.occurrence as { occurrenceType: string; dayOfMonth?: number; weekIndex?: string; weekday?: string };
      if (occurrence.occurrenceType === 'DayOfMonth') return date.getUTCDate() === occurrence.dayOfMonth;
      return weekday === occurrence.weekday && Math.ceil(date.getUTCDate() / 7) === (WEEK_INDEXES as readonly string[]).indexOf(occurrence.weekIndex ?? '') + 1;
    }
    default:
      return false;
  }
}

/**
 * The first time the schedule is due strictly after `afterMs` (epoch ms), or undefined when it is
 * never due again (past its end, an unknown zone, a rule no day matches).
 */
export function nextRunAfter(config: Config, afterMs: number): number | undefined {
  const start = parseScheduleDateTime(config.startDateTime);
  const end = parseScheduleDateTime(config.endDateTime);
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  const due = (ms: number) => (ms > afterMs && ms >= start && ms <= end ? ms : undefined);
  if (config.type === 'Cron') {
    const every = (config.interval as number) * MINUTE_MS;
    if (!(every > 0)) return undefined;
    const k = afterMs < start ? 0 : Math.floor((afterMs - start) / every) + 1;
    return due(start + k * every);
  }
  const zone = ianaTimeZone(config.localTimeZoneId);
  if (!zone) return undefined;
  const times = [...((config.times as string[] | undefined) ?? [])].sort().map((t) => t.split(':').map(Number) as [number, number]);
  const first = localTime(zone, Math.max(afterMs, start));
  const startMonth = localTime(zone, start);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (instantOf(zone, year, month, day, 0, 0) > end) return undefined;
    if (!runsOn(config, date, (year - startMonth.year) * 12 + (month - startMonth.month))) continue;
    for (const [hour, minute] of times) {
      const at = due(instantOf(zone, year, month, day, hour, minute));
      if (at !== undefined) return at;
    }
  }
  return undefined;
}
