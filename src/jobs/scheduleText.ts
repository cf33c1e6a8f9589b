// A schedule's rule in words, as the Schedules node lists it: "Every day at 06:00, W. Europe
// Standard Time", "Every Monday and Friday at 07:00, UTC", "Every 3 months
// on the second Tuesday at 06:00, UTC", "Every 10 minutes". The zone is the one Fabric keeps.
import type { ItemSchedule } from '../fabric/types';

type Config = ItemSchedule['configuration'];

function every(n: number, unit: string): string {
  return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function interval(minutes: number): string {
  if (minutes % 1440 === 0) return every(minutes / 1440, 'day');
  if (minutes % 60 === 0) return every(minutes / 60, 'hour');
  return every(minutes, 'minute');
}

function occurrence(config: Config): string {
  const o = config.occurrence as { occurrenceType: string; dayOfMonth?: number; weekIndex?: string; weekday?: string };
  return o.occurrenceType === 'DayOfMonth' ? `on day ${o.dayOfMonth}` : `on the ${String(o.weekIndex).toLowerCase()} ${o.weekday}`;
}

export function describeScheduleRule(config: Config): string {
  if (config.type === 'Cron') return interval(config.interval as number);
  const at = `at ${((config.times as string[] | undefined) ?? []).join(', ')}, ${config.localTimeZoneId}`;
  switch (config.type) {
    case 'Daily':
      return `Every day ${at}`;
    case 'Weekly':
      return `Every ${list(config.weekdays as string[])} ${at}`;
    case 'Monthly':
      return `${every(config.recurrence as number, 'month')} ${occurrence(config)} ${at}`;
  }
}
