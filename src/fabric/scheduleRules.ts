// The rules of a schedule's configuration (common/job_scheduling.json), one field at a time: the
// emulator refuses a body with them and the schedule wizard checks what is typed with them. Each
// check answers the problem in words, or undefined when the value is fine.
import { ianaTimeZone } from './timeZones';
import type { ScheduleType } from './types';

export const SCHEDULE_TYPES: readonly ScheduleType[] = ['Cron', 'Daily', 'Weekly', 'Monthly'];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const WEEK_INDEXES = ['First', 'Second', 'Third', 'Fourth', 'Fifth'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type WeekIndex = (typeof WEEK_INDEXES)[number];

export const MAX_CRON_INTERVAL_MINUTES = 5270400;
const MAX_TIMES = 100;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const isWhole = (value: unknown, min: number, max: number): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

export function intervalProblem(minutes: unknown): string | undefined {
  return isWhole(minutes, 1, MAX_CRON_INTERVAL_MINUTES) ? undefined : `The interval must be a whole number of minutes from 1 to ${MAX_CRON_INTERVAL_MINUTES}.`;
}

export function timesProblem(times: unknown): string | undefined {
  if (!Array.isArray(times) || times.length === 0 || times.length > MAX_TIMES) return `List 1 to ${MAX_TIMES} times of day as hh:mm.`;
  const wrong = times.find((t) => !TIME.test(String(t)));
  return wrong === undefined ? undefined : `'${String(wrong)}' is not a time of day as hh:mm (00:00 to 23:59).`;
}

export function weekdaysProblem(weekdays: unknown): string | undefined {
  if (!Array.isArray(weekdays) || weekdays.length === 0 || weekdays.length > 7) return `List 1 to 7 of ${WEEKDAYS.join(', ')}.`;
  const wrong = weekdays.find((d) => !(WEEKDAYS as readonly string[]).includes(String(d)));
  return wrong === undefined ? undefined : `'${String(wrong)}' is not one of ${WEEKDAYS.join(', ')}.`;
}

export function recurrenceProblem(months: unknown): string | undefined {
  return isWhole(months, 1, 12) ? undefined : 'Repeat every 1 to 12 months.';
}

export function dayOfMonthProblem(day: unknown): string | undefined {
  return isWhole(day, 1, 31) ? undefined : 'The day of the month is from 1 to 31.';
}

export function ordinalWeekdayProblem(weekIndex: unknown, weekday: unknown): string | undefined {
  return (WEEK_INDEXES as readonly string[]).includes(String(weekIndex)) && (WEEKDAYS as readonly string[]).includes(String(weekday))
    ? undefined
    : `Name the week (${WEEK_INDEXES.join(', ')}) and the weekday (${WEEKDAYS.join(', ')}).`;
}

export function timeZoneProblem(id: unknown): string | undefined {
  return typeof id === 'string' && ianaTimeZone(id) ? undefined : `'${String(id)}' is not a time zone id such as 'W. Europe Standard Time'.`;
}

/** A schedule's date-times are UTC; Fabric's own examples leave the `Z` out. */
export function parseScheduleDateTime(text: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
}

export function dateTimeProblem(text: unknown): string | undefined {
  return typeof text === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?/.test(text) && !Number.isNaN(parseScheduleDateTime(text))
    ? undefined
    : `'${String(text)}' is not a UTC date-time such as 2026-03-28T06:00:00Z.`;
}

export function endProblem(start: string, end: string): string | undefined {
  return parseScheduleDateTime(end) > parseScheduleDateTime(start) ? undefined : 'The end must be later than the start.';
}
