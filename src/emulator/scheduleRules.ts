// The checks the service makes on a schedule's create/update body (common/job_scheduling.json):
// the configuration type and its own fields, dates that parse and end after they start, a time
// zone that is known. The field rules are the ones the schedule wizard checks as the user types.
import {
  dateTimeProblem,
  dayOfMonthProblem,
  endProblem,
  intervalProblem,
  ordinalWeekdayProblem,
  recurrenceProblem,
  SCHEDULE_TYPES,
  timesProblem,
  timeZoneProblem,
  weekdaysProblem,
} from '../fabric/scheduleRules';
import type { ItemSchedule } from '../fabric/types';
import { badRequest } from './apiError';

const invalid = (message: string) => badRequest('InvalidInput', message);

/** Throws 400 InvalidInput naming the field when its rule answers a problem. */
function check(field: string, problem: string | undefined): void {
  if (problem) throw invalid(`configuration.${field}: ${problem}`);
}

function checkMonthly(config: Record<string, unknown>): void {
  check('recurrence', recurrenceProblem(config.recurrence));
  const occurrence = config.occurrence as Record<string, unknown> | undefined;
  if (occurrence?.occurrenceType === 'DayOfMonth') check('occurrence.dayOfMonth', dayOfMonthProblem(occurrence.dayOfMonth));
  else if (occurrence?.occurrenceType === 'OrdinalWeekday') check('occurrence', ordinalWeekdayProblem(occurrence.weekIndex, occurrence.weekday));
  else throw invalid('configuration.occurrence.occurrenceType must be DayOfMonth or OrdinalWeekday.');
}

/** The body's `enabled` and `configuration`, checked; throws 400 InvalidInput naming the field. */
export function checkSchedule(body: unknown): Pick<ItemSchedule, 'enabled' | 'configuration'> {
  const { enabled, configuration } = (body ?? {}) as Partial<ItemSchedule>;
  if (typeof enabled !== 'boolean') throw invalid('enabled (true or false) is required.');
  if (!configuration || !SCHEDULE_TYPES.includes(configuration.type)) throw invalid(`configuration.type must be one of ${SCHEDULE_TYPES.join(', ')}.`);
  const config: Record<string, unknown> = configuration;
  for (const key of ['startDateTime', 'endDateTime', 'localTimeZoneId']) {
    if (typeof config[key] !== 'string' || !config[key]) throw invalid(`configuration.${key} is required.`);
  }
  check('startDateTime', dateTimeProblem(configuration.startDateTime));
  check('endDateTime', dateTimeProblem(configuration.endDateTime));
  if (endProblem(configuration.startDateTime, configuration.endDateTime)) throw invalid('configuration.endDateTime must be later than startDateTime.');
  check('localTimeZoneId', timeZoneProblem(configuration.localTimeZoneId));
  if (configuration.type === 'Cron') {
    check('interval', intervalProblem(config.interval));
    return { enabled, configuration };
  }
  check('times', timesProblem(config.times));
  if (configuration.type === 'Weekly') check('weekdays', weekdaysProblem(config.weekdays));
  if (configuration.type === 'Monthly') checkMonthly(config);
  return { enabled, configuration };
}
