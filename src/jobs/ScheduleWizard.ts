// The schedule wizard's logic: the job type (when the item has several), the kind of schedule
// (Cron, Daily, Weekly, Monthly), that kind's own fields, the time zone and the start and end, each
// checked as it is typed with the rules the service applies (fabric/scheduleRules.ts). Through the
// injected Prompter with Back on every step after the first, numbered by WizardSteps, so unit tests
// drive it unchanged. Editing starts from the schedule's values and keeps its job type and state.
import { BACK, type Back, type PickItem, type Prompter } from '../base/prompter';
import { WizardSteps, type WizardStep } from '../base/wizardSteps';
import {
  dateTimeProblem,
  dayOfMonthProblem,
  endProblem,
  intervalProblem,
  parseScheduleDateTime,
  recurrenceProblem,
  timesProblem,
  WEEK_INDEXES,
  WEEKDAYS,
  weekdaysProblem,
  type WeekIndex,
  type Weekday,
} from '../fabric/scheduleRules';
import { ianaTimeZone, WINDOWS_TIME_ZONES, windowsTimeZone } from '../fabric/timeZones';
import type { CreateScheduleRequest, ItemSchedule, ScheduleType } from '../fabric/types';

type Occurrence = { occurrenceType: 'DayOfMonth'; dayOfMonth: number } | { occurrenceType: 'OrdinalWeekday'; weekIndex: WeekIndex; weekday: Weekday };

interface Draft {
  jobType?: string;
  type?: ScheduleType;
  interval?: number;
  times?: string[];
  weekdays?: Weekday[];
  recurrence?: number;
  occurrence?: Occurrence;
  zone?: string;
  start?: string;
  end?: string;
}

export interface ScheduleWizardInput {
  /** e.g. "Schedule Hello Fabric". */
  title: string;
  /** The item's schedulable job types (schedulableJobTypes). */
  jobTypes: readonly string[];
  /** The schedule being edited, with its job type. */
  existing?: { jobType: string; schedule: ItemSchedule };
  /** This machine's IANA zone, the zone offered first. */
  localZone: string;
  now: number;
}

export interface ScheduleAnswer {
  jobType: string;
  request: CreateScheduleRequest;
}

type StepName = 'jobType' | 'type' | 'interval' | 'weekdays' | 'recurrence' | 'occurrence' | 'times' | 'zone' | 'start' | 'end';

const YEAR_MS = 365 * 86_400_000;
const only = (type: ScheduleType) => (draft: Draft) => (draft.type === undefined ? undefined : draft.type === type);

const TYPE_LABELS: Record<ScheduleType, [string, string]> = {
  Cron: ['Every few minutes (Cron)', 'every N minutes from the start'],
  Daily: ['Daily', 'at times of day'],
  Weekly: ['Weekly', 'on weekdays, at times of day'],
  Monthly: ['Monthly', 'on a day of the month or a weekday of a week, every N months'],
};

/** "2026-03-28T06:00:00Z", whole minutes. */
export function scheduleDateTime(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** "06:00, 18:30" (commas or spaces) → ["06:00", "18:30"]; a single-digit hour is padded. */
export function parseTimes(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((t) => (/^\d:\d\d$/.test(t) ? `0${t}` : t));
}

/** "mon, Friday" → ["Monday", "Friday"]; a word no weekday starts with is kept as typed, for the message. */
export function parseWeekdays(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((word) => (word.length >= 2 && WEEKDAYS.find((d) => d.toLowerCase().startsWith(word.toLowerCase()))) || word);
}

const OCCURRENCE_HELP = 'Type a day of the month (1 to 31) or a week and a weekday, such as "Second Tuesday".';

/** "15" → the 15th; "second tue" → the second Tuesday; otherwise the problem. */
export function parseOccurrence(text: string): Occurrence | string {
  const words = text.trim().split(/\s+/);
  if (words.length === 1 && /^\d+$/.test(words[0]!)) {
    const day = Number(words[0]);
    return dayOfMonthProblem(day) ?? { occurrenceType: 'DayOfMonth', dayOfMonth: day };
  }
  const [week, day] = words;
  const weekIndex = WEEK_INDEXES.find((w) => w.toLowerCase() === week?.toLowerCase());
  const [weekday] = day ? (parseWeekdays(day) as Weekday[]) : [];
  if (words.length !== 2 || !weekIndex || !(WEEKDAYS as readonly string[]).includes(weekday ?? '')) return OCCURRENCE_HELP;
  return { occurrenceType: 'OrdinalWeekday', weekIndex, weekday: weekday! };
}

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

function describeOccurrence(o: Occurrence | undefined): string | undefined {
  return o && (o.occurrenceType === 'DayOfMonth' ? String(o.dayOfMonth) : `${o.weekIndex} ${o.weekday}`);
}

export class ScheduleWizard {
  private readonly draft: Draft;
  private readonly stepList: readonly WizardStep<StepName, Draft>[];
  private readonly steps: WizardSteps<StepName, Draft>;

  constructor(
    private readonly prompter: Prompter,
    private readonly input: ScheduleWizardInput,
  ) {
    this.draft = input.existing ? draftOf(input.existing.jobType, input.existing.schedule) : input.jobTypes.length === 1 ? { jobType: input.jobTypes[0] } : {};
    const asksJobType = !input.existing && input.jobTypes.length > 1;
    this.stepList = [
      { name: 'jobType', shouldPrompt: () => asksJobType },
      { name: 'type' },
      { name: 'interval', shouldPrompt: only('Cron') },
      { name: 'weekdays', shouldPrompt: only('Weekly') },
      { name: 'recurrence', shouldPrompt: only('Monthly') },
      { name: 'occurrence', shouldPrompt: only('Monthly') },
      { name: 'times', shouldPrompt: (d) => (d.type === undefined ? undefined : d.type !== 'Cron') },
      { name: 'zone' },
      { name: 'start' },
      { name: 'end' },
    ];
    this.steps = new WizardSteps(this.stepList);
  }

  /** Asks every step the schedule's kind needs; rejects when the user dismisses one. */
  async run(): Promise<ScheduleAnswer> {
    // "Depends on an answer not given yet" only happens before the kind is picked, and those steps come after it.
    const prompts = (i: number) => this.stepList[i]!.shouldPrompt?.(this.draft) ?? true;
    let i = 0;
    while (i < this.stepList.length) {
      if (!prompts(i)) {
        i++;
        continue;
      }
      const canGoBack = this.stepList.slice(0, i).some((_, j) => prompts(j));
      if ((await this.ask(this.stepList[i]!.name, canGoBack)) !== BACK) i++;
      else
        do i--;
        while (i > 0 && !prompts(i));
    }
    return this.answer();
  }

  private info(name: StepName, canGoBack: boolean) {
    return { title: this.input.title, ...this.steps.at(name, this.draft), canGoBack };
  }

  private async ask(name: StepName, canGoBack: boolean): Promise<unknown> {
    const d = this.draft;
    const info = this.info(name, canGoBack);
    const text = (prompt: string, value: string | undefined, check: (text: string) => string | undefined, placeholder?: string) =>
      this.prompter.input({ ...info, prompt, value, placeholder, validate: check });
    switch (name) {
      case 'jobType':
        return this.set(
          await this.prompter.pick({
            ...info,
            placeholder: 'Which job to schedule',
            items: this.input.jobTypes.map((t) => ({ label: t, value: t })),
            activeValue: d.jobType,
          }),
          (v) => (d.jobType = v),
        );
      case 'type': {
        const items: PickItem<ScheduleType>[] = (Object.keys(TYPE_LABELS) as ScheduleType[]).map((t) => ({
          label: TYPE_LABELS[t][0],
          description: TYPE_LABELS[t][1],
          value: t,
        }));
        return this.set(await this.prompter.pick({ ...info, placeholder: 'How often it runs', items, activeValue: d.type }), (v) => (d.type = v));
      }
      case 'interval':
        return this.set(
          await text('Run every how many minutes', String(d.interval ?? 60), (t) => intervalProblem(wholeNumber(t))),
          (t) => (d.interval = wholeNumber(t)),
        );
      case 'weekdays':
        return this.set(
          await text('On which weekdays (commas between them)', d.weekdays?.join(', '), (t) => weekdaysProblem(parseWeekdays(t)), 'Monday, Friday'),
          (t) => (d.weekdays = parseWeekdays(t) as Weekday[]),
        );
      case 'recurrence':
        return this.set(
          await text('Every how many months (1 to 12)', String(d.recurrence ?? 1), (t) => recurrenceProblem(wholeNumber(t))),
          (t) => (d.recurrence = wholeNumber(t)),
        );
      case 'occurrence':
        return this.set(
          await text(
            'On which day: a day of the month, or a week and a weekday',
            describeOccurrence(d.occurrence),
            (t) => {
              const parsed = parseOccurrence(t);
              return typeof parsed === 'string' ? parsed : undefined;
            },
            '1, or Second Tuesday',
          ),
          (t) => (d.occurrence = parseOccurrence(t) as Occurrence),
        );
      case 'times':
        return this.set(
          await text('At which times of day, as hh:mm (commas between them)', d.times?.join(', '), (t) => timesProblem(parseTimes(t)), '06:00, 18:00'),
          (t) => (d.times = parseTimes(t)),
        );
      case 'zone':
        return this.set(
          await this.prompter.pick({ ...info, placeholder: 'In which time zone', items: this.zones(), activeValue: d.zone ?? this.localZone() }),
          (v) => (d.zone = v),
        );
      case 'start':
        return this.set(
          await text('Starts at (UTC)', d.start ?? scheduleDateTime(this.input.now), (t) => dateTimeProblem(t.trim()), '2026-03-28T06:00:00Z'),
          (t) => (d.start = t.trim()),
        );
      case 'end': {
        const start = d.start!;
        const suggested = d.end ?? scheduleDateTime(parseScheduleDateTime(start) + YEAR_MS);
        return this.set(await text('Ends at (UTC)', suggested, (t) => dateTimeProblem(t.trim()) ?? endProblem(start, t.trim())), (t) => (d.end = t.trim()));
      }
    }
  }

  /** Stores an answer unless it is BACK; answers it on. */
  private set<T>(answer: T | Back, store: (value: T) => void): T | Back {
    if (answer !== BACK) store(answer);
    return answer;
  }

  private localZone(): string {
    return windowsTimeZone(this.input.localZone) ?? 'UTC';
  }

  /** The Windows zones Fabric names, this machine's first, each with its IANA name. */
  private zones(): PickItem<string>[] {
    const local = this.localZone();
    const current = this.draft.zone && !WINDOWS_TIME_ZONES.includes(this.draft.zone) ? [this.draft.zone] : [];
    return [...current, local, ...WINDOWS_TIME_ZONES.filter((z) => z !== local)].map((zone) => ({
      label: zone,
      description: zone === local ? `${ianaTimeZone(zone)} (this computer)` : ianaTimeZone(zone),
      value: zone,
    }));
  }

  private answer(): ScheduleAnswer {
    const d = this.draft;
    const base = { type: d.type!, startDateTime: d.start!, endDateTime: d.end!, localTimeZoneId: d.zone! };
    const fields =
      d.type === 'Cron'
        ? { interval: d.interval }
        : d.type === 'Daily'
          ? { times: d.times }
          : d.type === 'Weekly'
            ? { times: d.times, weekdays: d.weekdays }
            : { times: d.times, recurrence: d.recurrence, occurrence: d.occurrence };
    return { jobType: d.jobType!, request: { enabled: this.input.existing?.schedule.enabled ?? true, configuration: { ...base, ...fields } } };
  }
}

function draftOf(jobType: string, schedule: ItemSchedule): Draft {
  const c = schedule.configuration;
  return {
    jobType,
    type: c.type,
    interval: c.interval as number | undefined,
    times: c.times as string[] | undefined,
    weekdays: c.weekdays as Weekday[] | undefined,
    recurrence: c.recurrence as number | undefined,
    occurrence: c.occurrence as Occurrence | undefined,
    zone: c.localTimeZoneId,
    start: c.startDateTime,
    end: c.endDateTime,
  };
}
