import * as assert from 'node:assert/strict';
import { BACK, type InputOptions } from '../../../src/base/prompter';
import type { ItemSchedule } from '../../../src/fabric/types';
import { parseOccurrence, ScheduleWizard } from '../../../src/jobs/ScheduleWizard';
import { describeScheduleRule } from '../../../src/jobs/scheduleText';
import { pickLabel, ScriptedPrompter, type } from './scriptedPrompter';

const now = Date.parse('2026-11-30T13:37:12Z');
const input = { title: 'Schedule Hello Fabric', jobTypes: ['RunNotebook'], localZone: 'Europe/Berlin', now };

describe('ScheduleWizard', () => {
  it('makes a daily schedule: times checked as typed, the zone of this computer offered first, start now and end a year on', async () => {
    let times: InputOptions | undefined;
    const prompter = new ScriptedPrompter([
      pickLabel('Daily'),
      {
        input: (o) => {
          times = o;
          return '6:00, 18:30';
        },
      },
      {
        pick: (o) => {
          assert.equal(o.items[0]!.label, 'W. Europe Standard Time', 'the zone of this computer first');
          assert.equal(o.activeValue, 'W. Europe Standard Time');
          return o.items[0]!.value;
        },
      },
      { input: (o) => o.value! },
      { input: (o) => o.value! },
    ]);
    const answer = await new ScheduleWizard(prompter, input).run();
    assert.deepEqual(answer, {
      jobType: 'RunNotebook',
      request: {
        enabled: true,
        configuration: {
          type: 'Daily',
          times: ['06:00', '18:30'],
          localTimeZoneId: 'W. Europe Standard Time',
          startDateTime: '2026-11-30T13:37:00Z',
          endDateTime: '2027-11-30T13:37:00Z',
        },
      },
    });
    assert.equal(times!.step, 2);
    assert.equal(times!.totalSteps, 5, 'kind, times, zone, start, end');
    assert.match(times!.validate!('25:00')!, /'25:00' is not a time of day/);
    assert.match(times!.validate!('')!, /List 1 to 100 times/);
    assert.ok(prompter.done);
  });

  it('asks the job type when the item has several, and goes Back to change the kind', async () => {
    const prompter = new ScriptedPrompter([
      pickLabel('ApplyChanges'),
      pickLabel('Weekly'),
      { input: () => BACK }, // the weekdays: Back to the kind
      pickLabel('Cron'),
      {
        input: (o) => {
          assert.equal(o.validate!('0'), 'The interval must be a whole number of minutes from 1 to 5270400.');
          assert.equal(o.validate!('ten'), 'The interval must be a whole number of minutes from 1 to 5270400.');
          assert.equal(o.step, 3);
          assert.equal(o.canGoBack, true);
          return '15';
        },
      },
      { pick: (o) => o.items.find((i) => i.label === 'UTC')!.value },
      type('2026-12-01T00:00:00Z'),
      {
        input: (o) => {
          assert.equal(o.validate!('2026-11-01T00:00:00Z'), 'The end must be later than the start.');
          assert.match(o.validate!('soon')!, /not a UTC date-time/);
          return '2026-12-31T00:00:00Z';
        },
      },
    ]);
    const answer = await new ScheduleWizard(prompter, { ...input, jobTypes: ['Execute', 'ApplyChanges'] }).run();
    assert.equal(answer.jobType, 'ApplyChanges');
    assert.deepEqual(answer.request.configuration, {
      type: 'Cron',
      interval: 15,
      localTimeZoneId: 'UTC',
      startDateTime: '2026-12-01T00:00:00Z',
      endDateTime: '2026-12-31T00:00:00Z',
    });
  });

  it('edits a monthly schedule from its values and keeps its job type and state', async () => {
    const schedule: ItemSchedule = {
      id: 's1',
      enabled: false,
      configuration: {
        type: 'Monthly',
        recurrence: 2,
        occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 15 },
        times: ['07:00'],
        localTimeZoneId: 'Eastern Standard Time',
        startDateTime: '2026-01-01T00:00:00',
        endDateTime: '2027-01-01T00:00:00',
      },
    };
    const prompter = new ScriptedPrompter([
      { pick: (o) => o.activeValue },
      { input: (o) => o.value! },
      {
        input: (o) => {
          assert.equal(o.value, '15');
          assert.match(o.validate!('32')!, /from 1 to 31/);
          assert.match(o.validate!('Sixth Monday')!, /Second Tuesday/);
          return 'second tue';
        },
      },
      { input: (o) => o.value! },
      { pick: (o) => o.activeValue },
      { input: (o) => o.value! },
      { input: (o) => o.value! },
    ]);
    const answer = await new ScheduleWizard(prompter, { ...input, existing: { jobType: 'RunNotebook', schedule } }).run();
    assert.equal(answer.request.enabled, false);
    assert.deepEqual(answer.request.configuration, {
      ...schedule.configuration,
      occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Second', weekday: 'Tuesday' },
    });
  });

  it('reads a day of the month or a week and weekday', () => {
    assert.deepEqual(parseOccurrence('31'), { occurrenceType: 'DayOfMonth', dayOfMonth: 31 });
    assert.deepEqual(parseOccurrence('Fifth friday'), { occurrenceType: 'OrdinalWeekday', weekIndex: 'Fifth', weekday: 'Friday' });
    assert.equal(typeof parseOccurrence('last Friday'), 'string');
  });
});

describe('describeScheduleRule', () => {
  const base = { startDateTime: '2026-01-01T00:00:00', endDateTime: '2027-01-01T00:00:00', localTimeZoneId: 'W. Europe Standard Time' };
  it('says the rule in words', () => {
    assert.equal(describeScheduleRule({ ...base, type: 'Daily', times: ['06:00'] }), 'Every day at 06:00, W. Europe Standard Time');
    assert.equal(describeScheduleRule({ ...base, type: 'Cron', interval: 1 }), 'Every minute');
    assert.equal(describeScheduleRule({ ...base, type: 'Cron', interval: 120 }), 'Every 2 hours');
    assert.equal(
      describeScheduleRule({ ...base, type: 'Weekly', times: ['07:00', '19:00'], weekdays: ['Monday', 'Wednesday', 'Friday'] }),
      'Every Monday, Wednesday and Friday at 07:00, 19:00, W. Europe Standard Time',
    );
    assert.equal(
      describeScheduleRule({
        ...base,
        type: 'Monthly',
        times: ['06:00'],
        recurrence: 3,
        occurrence: { occurrenceType: 'OrdinalWeekday', weekIndex: 'Second', weekday: 'Tuesday' },
      }),
      'Every 3 months on the second Tuesday at 06:00, W. Europe Standard Time',
    );
  });
});
