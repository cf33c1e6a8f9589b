import assert from 'node:assert/strict';
import { nextRunAfter } from '../../../src/fabric/scheduleRecurrence';
import type { ItemSchedule } from '../../../src/fabric/types';

type Config = ItemSchedule['configuration'];

const window = { startDateTime: '2026-01-01T00:00:00', endDateTime: '2027-12-31T23:59:00' };
const at = (iso: string) => Date.parse(iso);
const next = (config: Record<string, unknown>, after: string) => {
  const due = nextRunAfter({ ...window, ...config } as Config, at(after));
  return due === undefined ? undefined : new Date(due).toISOString();
};

describe('nextRunAfter: when a schedule is due', () => {
  it('Cron: every interval from the start, strictly after the given time', () => {
    const cron = { type: 'Cron', interval: 10, localTimeZoneId: 'UTC' } as const;
    assert.equal(next(cron, '2025-06-01T00:00:00Z'), '2026-01-01T00:00:00.000Z', 'before the start: the start');
    assert.equal(next(cron, '2026-01-01T00:00:00Z'), '2026-01-01T00:10:00.000Z');
    assert.equal(next(cron, '2026-03-05T07:31:00Z'), '2026-03-05T07:40:00.000Z');
    assert.equal(next(cron, '2027-12-31T23:55:00Z'), undefined, 'past the end');
  });

  it("Daily: the times of day in the schedule's zone, across a daylight-saving change", () => {
    const daily = { type: 'Daily', times: ['18:00', '06:00'], localTimeZoneId: 'W. Europe Standard Time' } as const;
    assert.equal(next(daily, '2026-03-27T12:00:00Z'), '2026-03-27T17:00:00.000Z', '18:00 CET');
    assert.equal(next(daily, '2026-03-27T17:00:00Z'), '2026-03-28T05:00:00.000Z', 'the next morning, 06:00 CET');
    assert.equal(next(daily, '2026-03-29T00:00:00Z'), '2026-03-29T04:00:00.000Z', '06:00 CEST, after the clocks went forward');
    assert.equal(next({ ...daily, localTimeZoneId: 'Europe/Amsterdam' }, '2026-03-29T00:00:00Z'), '2026-03-29T04:00:00.000Z', 'an IANA zone too');
  });

  it('Weekly: only on its weekdays', () => {
    const weekly = { type: 'Weekly', times: ['09:30'], weekdays: ['Monday', 'Friday'], localTimeZoneId: 'Eastern Standard Time' } as const;
    // 2026-11-28 is a Saturday; the next Monday 09:30 EST is 14:30 UTC.
    assert.equal(next(weekly, '2026-11-28T12:00:00Z'), '2026-11-30T14:30:00.000Z');
    assert.equal(next(weekly, '2026-11-30T14:30:00Z'), '2026-12-04T14:30:00.000Z', 'then the Friday');
  });

  it('Monthly: a day of the month every N months from the start, skipping months without that day', () => {
    const monthly = { type: 'Monthly', times: ['07:00'], recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 31 }, localTimeZoneId: 'UTC' };
    assert.equal(next(monthly, '2026-02-01T00:00:00Z'), '2026-03-31T07:00:00.000Z', 'February has no 31st');
    const quarterly = { ...monthly, recurrence: 3, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 1 } };
    assert.equal(next(quarterly, '2026-01-01T08:00:00Z'), '2026-04-01T07:00:00.000Z', 'every third month from January');
  });

  it('Monthly: an ordinal weekday, skipping months without a fifth one', () => {
    const second = {
      type: 'Monthly',
      times: ['07:00'],
      recurrence: 1,
      occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Second', weekday: 'Tuesday' },
    };
    assert.equal(next({ ...second, localTimeZoneId: 'UTC' }, '2026-11-01T00:00:00Z'), '2026-11-10T07:00:00.000Z');
    const fifth = { ...second, occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Fifth', weekday: 'Monday' }, localTimeZoneId: 'UTC' };
    // November 2026 has five Mondays (the 30th); December none, January 2027 none… March 2027 (the 29th).
    assert.equal(next(fifth, '2026-11-01T00:00:00Z'), '2026-11-30T07:00:00.000Z');
    assert.equal(next(fifth, '2026-12-01T00:00:00Z'), '2027-03-29T07:00:00.000Z');
  });

  it('is never due with an unknown zone', () => {
    assert.equal(next({ type: 'Daily', times: ['06:00'], localTimeZoneId: 'Moon Standard Time' }, '2026-03-01T00:00:00Z'), undefined);
  });
});
