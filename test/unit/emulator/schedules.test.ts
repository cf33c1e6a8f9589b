import assert from 'node:assert/strict';
import type { Emulator } from '../../../src/emulator';
import { call, listAll, startTestEmulator, stopTestEmulators, type Json } from './emulatorHarness';

const cron = (change: Json = {}): Json => ({
  enabled: true,
  configuration: {
    type: 'Cron',
    interval: 10,
    startDateTime: '2026-03-28T00:00:00',
    endDateTime: '2026-03-30T23:59:00',
    localTimeZoneId: 'Central Standard Time',
    ...change,
  },
});

describe('emulator schedules', () => {
  let emulator: Emulator;
  let ws: string;
  let notebook: string;
  let schedules: string;

  before(async () => {
    emulator = await startTestEmulator({ sample: false, lroMode: 'sync', pageSize: 2 });
    ws = (await call(emulator, 'POST', '/workspaces', { displayName: 'Schedules' })).body.id;
    notebook = (await call(emulator, 'POST', `/workspaces/${ws}/items`, { displayName: 'Nightly', type: 'Notebook' })).body.id;
    schedules = `/workspaces/${ws}/items/${notebook}/jobs/RunNotebook/schedules`;
  });
  after(stopTestEmulators);

  it("creates (201 with the schedule's Location), gets, lists, updates and deletes a schedule", async () => {
    const created = await call(emulator, 'POST', schedules, cron());
    assert.equal(created.status, 201);
    const { id, createdDateTime, owner, ...rest } = created.body;
    assert.deepEqual(rest, cron());
    assert.ok(!Number.isNaN(Date.parse(createdDateTime)) && owner.id);
    assert.equal(created.headers.get('location'), `${emulator.baseUrl}${schedules}/${id}`);

    assert.deepEqual((await call(emulator, 'GET', `${schedules}/${id}`)).body, created.body);
    const daily = { enabled: false, configuration: { ...cron().configuration, type: 'Daily', interval: undefined, times: ['06:00', '18:30'] } };
    const patched = await call(emulator, 'PATCH', `${schedules}/${id}`, daily);
    assert.equal(patched.status, 200);
    assert.equal(patched.body.enabled, false);
    assert.deepEqual(patched.body.configuration.times, ['06:00', '18:30']);

    await call(emulator, 'POST', schedules, cron({ interval: 60 }));
    await call(emulator, 'POST', schedules, cron({ interval: 120 }));
    assert.equal((await listAll(emulator, schedules)).length, 3, 'three schedules over two pages');

    assert.equal((await call(emulator, 'DELETE', `${schedules}/${id}`)).status, 200);
    assert.equal((await call(emulator, 'GET', `${schedules}/${id}`)).status, 404);
  });

  it('accepts weekly and monthly schedules with their own fields', async () => {
    const base = cron().configuration;
    const weekly = await call(emulator, 'POST', schedules, {
      enabled: true,
      configuration: { ...base, type: 'Weekly', times: ['07:00'], weekdays: ['Monday', 'Friday'] },
    });
    assert.equal(weekly.status, 201, JSON.stringify(weekly.body));
    const occurrence = { occurrenceType: 'OrdinalWeekday', weekIndex: 'First', weekday: 'Tuesday' };
    const monthly = await call(emulator, 'POST', schedules, {
      enabled: true,
      configuration: { ...base, type: 'Monthly', times: ['07:00'], recurrence: 1, occurrence },
    });
    assert.equal(monthly.status, 201, JSON.stringify(monthly.body));
  });

  describe('refuses a bad schedule with 400 InvalidInput naming the field, and stores nothing', () => {
    const base = cron().configuration;
    const cases: [string, Json, RegExp][] = [
      ['no enabled', { configuration: base }, /enabled/],
      ['an unknown type', { enabled: true, configuration: { ...base, type: 'Hourly' } }, /configuration\.type/],
      ['no time zone', cron({ localTimeZoneId: undefined }), /localTimeZoneId/],
      ['a time zone no one knows', cron({ localTimeZoneId: 'Moon Standard Time' }), /localTimeZoneId.*Moon Standard Time/],
      ['a start that is not a date', cron({ startDateTime: 'tomorrow morning' }), /startDateTime/],
      ['an end before the start', cron({ endDateTime: '2026-03-01T00:00:00' }), /later than startDateTime/],
      ['a Cron interval of 0', cron({ interval: 0 }), /interval/],
      ['a Cron interval over 5270400', cron({ interval: 5270401 }), /interval/],
      ['a Daily time that is not hh:mm', { enabled: true, configuration: { ...base, type: 'Daily', times: ['25:00'] } }, /times/],
      ['a Weekly schedule without weekdays', { enabled: true, configuration: { ...base, type: 'Weekly', times: ['07:00'] } }, /weekdays/],
      [
        'a Monthly day 32',
        {
          enabled: true,
          configuration: { ...base, type: 'Monthly', times: ['07:00'], recurrence: 1, occurrence: { occurrenceType: 'DayOfMonth', dayOfMonth: 32 } },
        },
        /dayOfMonth/,
      ],
    ];
    for (const [name, body, message] of cases) {
      it(name, async () => {
        const before = (await listAll(emulator, schedules)).length;
        const answer = await call(emulator, 'POST', schedules, body);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.errorCode, 'InvalidInput');
        assert.match(answer.body.message, message);
        assert.equal((await listAll(emulator, schedules)).length, before);
      });
    }
  });

  it('refuses a job type the item does not have (400 InvalidJobType)', async () => {
    const answer = await call(emulator, 'POST', `/workspaces/${ws}/items/${notebook}/jobs/Pipeline/schedules`, cron());
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorCode, 'InvalidJobType');
  });

  it("does not find a schedule through another job type's path", async () => {
    const { id } = (await call(emulator, 'POST', schedules, cron())).body;
    assert.equal((await call(emulator, 'GET', `/workspaces/${ws}/items/${notebook}/jobs/DefaultJob/schedules/${id}`)).status, 404);
  });
});
