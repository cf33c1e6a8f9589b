// The checks the service makes on a schedule's create/update body (common/job_scheduling.json):
// the configuration type and its own fields, dates that parse and end after they start.
import type { ItemSchedule } from '../fabric/types';
import { badRequest } from './apiError';

const TYPES = ['Cron', 'Daily', 'Weekly', 'Monthly'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEK_INDEXES = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];

const invalid = (message: string) => badRequest('InvalidInput', message);
const isWhole = (value: unknown, min: number, max: number): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

function checkTimes(times: unknown): void {
  if (!Array.isArray(times) || times.length === 0 || times.length > 100 || !times.every((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(String(t)))) {
    throw invalid('configuration.times must list 1 to 100 times as hh:mm.');
  }
}

function checkMonthly(config: Record<string, unknown>): void {
  if (!isWhole(config.recurrence, 1, 12)) throw invalid('configuration.recurrence must be a whole number of months from 1 to 12.');
  const occurrence = config.occurrence as Record<string, unknown> | undefined;
  if (occurrence?.occurrenceType === 'DayOfMonth') {
    if (!isWhole(occurrence.dayOfMonth, 1, 31)) throw invalid('configuration.occurrence.dayOfMonth must be from 1 to 31.');
  } else if (occurrence?.occurrenceType === 'OrdinalWeekday') {
    if (!WEEK_INDEXES.includes(String(occurrence.weekIndex)) || !WEEKDAYS.includes(String(occurrence.weekday))) {
      throw invalid(`configuration.occurrence needs a weekIndex (${WEEK_INDEXES.join(', ')}) and a weekday (${WEEKDAYS.join(', ')}).`);
    }
  } else {
    throw invalid('configuration.occurrence.occurrenceType must be DayOfMonth or OrdinalWeekday.');
  }
}

/** The body's `enabled` and `configuration`, checked; throws 400 InvalidInput naming the field. */
export function checkSchedule(body: unknown): Pick<ItemSchedule, 'enabled' | 'configuration'> {
  const { enabled, configuration } = (body ?? {}) as Partial<ItemSchedule>;
  if (typeof enabled !== 'boolean') throw invalid('enabled (true or false) is required.');
  if (!configuration || !TYPES.includes(configuration.type)) throw invalid(`configuration.type must be one of ${TYPES.join(', ')}.`);
  const config: Record<string, unknown> = configuration;
  for (const key of ['startDateTime', 'endDateTime', 'localTimeZoneId']) {
    if (typeof config[key] !== 'string' || !config[key]) throw invalid(`configuration.${key} is required.`);
  }
  const start = Date.parse(configuration.startDateTime);
  const end = Date.parse(configuration.endDateTime);
  if (Number.isNaN(start)) throw invalid(`configuration.startDateTime '${configuration.startDateTime}' is not a date-time such as 2026-03-28T00:00:00.`);
  if (Number.isNaN(end)) throw invalid(`configuration.endDateTime '${configuration.endDateTime}' is not a date-time such as 2026-03-30T23:59:00.`);
  if (end <= start) throw invalid('configuration.endDateTime must be later than startDateTime.');
  if (configuration.type === 'Cron') {
    if (!isWhole(config.interval, 1, 5270400)) throw invalid('configuration.interval must be a whole number of minutes from 1 to 5270400.');
    return { enabled, configuration };
  }
  checkTimes(config.times);
  if (configuration.type === 'Weekly') {
    const weekdays = config.weekdays;
    if (!Array.isArray(weekdays) || weekdays.length === 0 || weekdays.length > 7 || !weekdays.every((d) => WEEKDAYS.includes(String(d)))) {
      throw invalid(`configuration.weekdays must list 1 to 7 of ${WEEKDAYS.join(', ')}.`);
    }
  }
  if (configuration.type === 'Monthly') checkMonthly(config);
  return { enabled, configuration };
}
