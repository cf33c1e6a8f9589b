// The run wizard's logic: a hub listing the item's parameters (declared ones with their type and
// default, plus the last values used) from which the user keeps, changes, removes or adds
// parameters and, for notebooks, sets the compute; a job whose executionData has named fields
// (Spark job definition, table maintenance) lists them instead, each checked as the spec says. Every step goes through the injected
// Prompter (multi-step quick input: title, step/totalSteps, Back), so unit tests drive it unchanged.
// Each path from the hub numbers only the steps it will show (WizardSteps).
import type { JobParameter, JobParameterType } from '../fabric/types';
import { BACK, type Back, type PickItem, type Prompter } from '../base/prompter';
import { WizardSteps } from '../base/wizardSteps';
import {
  checkFieldText,
  executionDataProblems,
  fieldValue,
  formatFieldValue,
  parseFieldText,
  withFieldValue,
  type ExecutionField,
  type JobKind,
} from '../fabric/itemKinds';
import {
  checkParameterName,
  checkParameterText,
  EDITABLE_TYPES,
  formatParameterValue,
  parameterProblems,
  toJobParameters,
  toJobParameterType,
  type ParameterText,
} from './parameterValues';
import {
  COMPUTES,
  configFields,
  describeConfigValue,
  validateNumExecutors,
  type Compute,
  type ConfigField,
  type ItemReferenceById,
  type NotebookExecutionData,
  type ReferenceCandidate,
} from './executionOptions';

/** A parameter the item declares (the codec's DeclaredParameter shape). */
export interface DeclaredParameterLike {
  name: string;
  type?: string;
  defaultValue?: unknown;
}

export interface RunParametersWizardInput {
  /** e.g. "Run Hello Fabric". */
  title: string;
  /** The job to run: whether it takes parameters, and its executionData. */
  job: Pick<JobKind, 'parameters' | 'executionData'>;
  declared: DeclaredParameterLike[];
  /** The values of the item's last run, which start the wizard where the user left it. */
  last?: { parameters: JobParameter[]; executionData?: Record<string, unknown> };
  /** Lists the workspace's Lakehouse / Environment items, only when the user opens that setting. */
  listReferences?(itemType: 'Lakehouse' | 'Environment'): Promise<ReferenceCandidate[]>;
}

export interface RunValues {
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

interface Entry extends ParameterText {
  declared?: { type: JobParameterType; text: string };
}

type HubChoice = { kind: 'run' } | { kind: 'edit'; index: number } | { kind: 'add' } | { kind: 'compute' } | { kind: 'field'; field: ExecutionField };
type EditAction = 'value' | 'type' | 'reset' | 'remove';
type StepPosition = { step: number; totalSteps?: number };

/** The hub, then what to do with a parameter: a new type and/or value, or nothing more (reset, remove). */
const EDIT_STEPS = new WizardSteps<'hub' | 'action' | 'type' | 'value', { action?: EditAction }>([
  { name: 'hub' },
  { name: 'action' },
  { name: 'type', shouldPrompt: ({ action }) => (action === undefined ? undefined : action === 'type') },
  { name: 'value', shouldPrompt: ({ action }) => (action === undefined ? undefined : action === 'type' || action === 'value') },
]);

/** The hub, then a new parameter's name, type (a dataflow's are Automatic) and value. */
const ADD_STEPS = new WizardSteps<'hub' | 'name' | 'type' | 'value', { automatic: boolean }>([
  { name: 'hub' },
  { name: 'name' },
  { name: 'type', shouldPrompt: ({ automatic }) => !automatic },
  { name: 'value' },
]);

/** The hub, then the compute, then its settings when it has any. */
const COMPUTE_STEPS = new WizardSteps<'hub' | 'compute' | 'configuration', { compute?: Compute | 'default' }>([
  { name: 'hub' },
  { name: 'compute' },
  { name: 'configuration', shouldPrompt: ({ compute }) => (compute === undefined ? undefined : compute !== 'default' && configFields(compute).length > 0) },
]);

/** The hub, then an execution data field's value. */
const FIELD_STEPS = new WizardSteps<'hub' | 'field', object>([{ name: 'hub' }, { name: 'field' }]);

export class RunParametersWizard {
  private readonly entries: Entry[];
  private execution: NotebookExecutionData | undefined;
  /** The executionData of a job with named fields. */
  private fieldData: Record<string, unknown> | undefined;
  private readonly referenceNames = new Map<string, string>();

  constructor(
    private readonly prompter: Prompter,
    private readonly input: RunParametersWizardInput,
  ) {
    this.entries = input.job.parameters === 'none' ? [] : initialEntries(input.declared, input.last?.parameters ?? []);
    if (input.job.executionData?.kind === 'notebookCompute') this.execution = input.last?.executionData as NotebookExecutionData | undefined;
    else if (input.job.executionData) this.fieldData = input.last?.executionData;
  }

  private get fields(): readonly ExecutionField[] {
    return this.input.job.executionData?.kind === 'fields' ? this.input.job.executionData.fields : [];
  }

  /** Runs the wizard to the user's "Run"; rejects when the user dismisses a step. */
  async run(): Promise<RunValues> {
    for (;;) {
      const choice = await this.hub();
      if (choice.kind === 'run') return this.values();
      if (choice.kind === 'edit') await this.editEntry(choice.index);
      else if (choice.kind === 'add') await this.addEntry();
      else if (choice.kind === 'field') await this.editField(choice.field);
      else await this.editCompute();
    }
  }

  /** The values as they stand; the problems, if any, that the service would refuse. */
  problems(): string[] {
    return [...parameterProblems(this.entries), ...this.fieldProblems().map((p) => p.problem)];
  }

  /** The fields the service would refuse, with their problem. */
  private fieldProblems(): { field: ExecutionField; problem: string }[] {
    return this.fields.flatMap((field) => executionDataProblems([field], this.fieldData ?? {}).map((problem) => ({ field, problem })));
  }

  private values(): RunValues {
    const parameters = toJobParameters(this.entries);
    const executionData = this.execution ?? this.fieldData;
    return executionData ? { parameters, executionData: { ...executionData } } : { parameters };
  }

  private async hub(): Promise<HubChoice> {
    const problems = this.problems();
    const items: PickItem<HubChoice>[] = [
      problems.length
        ? { label: '$(warning) Fix the parameters to run', description: problems[0], value: this.firstToFix() }
        : { label: '$(play) Run', description: this.summary(), value: { kind: 'run' } },
      ...this.entries.map((e, index) => ({
        label: `$(symbol-parameter) ${e.name}`,
        description: `${e.type} = ${shown(e.type, e.text)}${e.declared && e.text === e.declared.text ? ' (default)' : ''}`,
        detail: checkParameterText(e.type, e.text),
        value: { kind: 'edit', index } as HubChoice,
      })),
      ...(this.input.job.parameters === 'none' ? [] : [{ label: '$(add) Add a parameter…', value: { kind: 'add' } as HubChoice }]),
      ...this.fields.map((field) => ({
        label: `$(settings) ${field.label}`,
        description: describeField(field, fieldValue(this.fieldData, field.key), this.referenceNames),
        detail: executionDataProblems([field], this.fieldData ?? {})[0],
        value: { kind: 'field', field } as HubChoice,
      })),
    ];
    if (this.input.job.executionData?.kind === 'notebookCompute') {
      items.push({ label: '$(server-process) Compute…', description: this.execution?.compute ?? "the notebook's own settings", value: { kind: 'compute' } });
    }
    const choice = await this.prompter.pick({
      title: this.input.title,
      ...EDIT_STEPS.at('hub', {}),
      placeholder: 'Pick a parameter to change it, or Run',
      items,
    });
    // The hub is the first step: it has no Back button, so BACK cannot arrive here.
    return choice === BACK ? { kind: 'run' } : choice;
  }

  /** The first parameter, else the first field, the service would refuse. */
  private firstToFix(): HubChoice {
    const index = this.entries.findIndex((_, i) => parameterProblems(this.entries.slice(0, i + 1)).length > 0);
    const field = this.fieldProblems()[0]?.field;
    return index < 0 && field ? { kind: 'field', field } : { kind: 'edit', index: Math.max(index, 0) };
  }

  private summary(): string {
    if (this.input.job.parameters === 'none') return this.fields.length ? 'with these settings' : '';
    const n = this.entries.length;
    return n === 0 ? 'without parameters' : `with ${n} parameter${n === 1 ? '' : 's'}`;
  }

  private async editEntry(index: number): Promise<void> {
    const entry = this.entries[index];
    if (!entry) return;
    const title = `${this.input.title}: ${entry.name}`;
    for (;;) {
      const actions: PickItem<EditAction>[] = [
        { label: 'Change the value', description: shown(entry.type, entry.text), value: 'value' },
        { label: 'Change the type', description: entry.type, value: 'type' },
        ...(entry.declared ? [{ label: 'Reset to the default', description: shown(entry.type, entry.declared.text), value: 'reset' as const }] : []),
        { label: "Remove (the run uses the notebook's own value)", value: 'remove' },
      ];
      const action = await this.prompter.pick<EditAction>({
        title,
        ...EDIT_STEPS.at('action', {}),
        canGoBack: true,
        placeholder: `What to do with ${entry.name}`,
        items: actions,
        activeValue: 'value',
      });
      if (action === BACK) return;
      if (action === 'remove') {
        this.entries.splice(index, 1);
        return;
      }
      if (action === 'reset' && entry.declared) {
        entry.type = entry.declared.type;
        entry.text = entry.declared.text;
        return;
      }
      if (action === 'type') {
        const type = await this.pickType(title, EDIT_STEPS.at('type', { action }), entry.type);
        if (type === BACK) continue;
        entry.type = type;
        if (checkParameterText(type, entry.text) === undefined) return;
      }
      const text = await this.inputValue(title, EDIT_STEPS.at('value', { action }), entry.name, entry.type, entry.text);
      if (text === BACK) continue;
      entry.text = text;
      return;
    }
  }

  private async addEntry(): Promise<void> {
    const title = `${this.input.title}: new parameter`;
    const automatic = this.input.job.parameters === 'automatic';
    const at = (step: 'name' | 'type' | 'value') => ADD_STEPS.at(step, { automatic });
    let name: string | undefined;
    let type: JobParameterType | undefined;
    for (let step = 2; ;) {
      if (step === 1) return;
      if (step === 2) {
        const others = this.entries.map((e) => e.name);
        const got = await this.prompter.input({
          title,
          ...at('name'),
          canGoBack: true,
          prompt: "The parameter's name, as the code uses it",
          value: name,
          validate: (v) => checkParameterName(v, others),
        });
        if (got === BACK) {
          step = 1;
          continue;
        }
        name = got.trim();
        step = 3;
      } else if (step === 3) {
        const got = automatic ? 'Automatic' : await this.pickType(title, at('type'), type ?? 'Text');
        if (got === BACK) {
          step = 2;
          continue;
        }
        type = got;
        step = 4;
      } else {
        const got = await this.inputValue(title, at('value'), name!, type!, '');
        if (got === BACK) {
          step = automatic ? 2 : 3;
          continue;
        }
        this.entries.push({ name: name!, type: type!, text: got });
        return;
      }
    }
  }

  private pickType(title: string, at: StepPosition, current: JobParameterType): Promise<JobParameterType | Back> {
    return this.prompter.pick({
      title,
      ...at,
      canGoBack: true,
      placeholder: "The parameter's type",
      activeValue: current,
      items: EDITABLE_TYPES.map((t) => ({ label: t, description: t === current ? 'current' : undefined, value: t })),
    });
  }

  private inputValue(title: string, at: StepPosition, name: string, type: JobParameterType, value: string): Promise<string | Back> {
    return this.prompter.input({
      title,
      ...at,
      canGoBack: true,
      value,
      prompt: `The value of ${name} (${type})`,
      placeholder: placeholderFor(type),
      validate: (v) => checkParameterText(type, v),
    });
  }

  private async editCompute(): Promise<void> {
    const title = `${this.input.title}: compute`;
    for (;;) {
      const compute = await this.prompter.pick<Compute | 'default'>({
        title,
        ...COMPUTE_STEPS.at('compute', {}),
        canGoBack: true,
        placeholder: 'Where the notebook runs',
        activeValue: this.execution?.compute ?? 'default',
        items: [{ label: "The notebook's own settings", description: 'no executionData', value: 'default' }, ...COMPUTES.map((c) => ({ label: c, value: c }))],
      });
      if (compute === BACK) return;
      if (compute === 'default') {
        this.execution = undefined;
        return;
      }
      if (this.execution?.compute !== compute) this.execution = { compute };
      const fields = configFields(compute);
      if (fields.length === 0 || (await this.editConfiguration(title, COMPUTE_STEPS.at('configuration', { compute }), fields)) !== BACK) return;
    }
  }

  /** The configuration hub of one compute: each allowed field, then Done. */
  private async editConfiguration(title: string, at: StepPosition, fields: ConfigField[]): Promise<void | Back> {
    for (;;) {
      const execution = this.execution!;
      const picked = await this.prompter.pick<ConfigField | 'done'>({
        title,
        ...at,
        canGoBack: true,
        placeholder: `${execution.compute} settings: pick one to change it, or Done`,
        items: [
          { label: '$(check) Done', value: 'done' },
          ...fields.map((f) => ({ label: f.label, description: describeConfigValue(f, execution.computeConfiguration, this.referenceNames), value: f })),
        ],
      });
      if (picked === BACK) return BACK;
      if (picked === 'done') return;
      const value = await this.promptField(title, picked);
      if (value === BACK) continue;
      const config: Record<string, unknown> = { ...execution.computeConfiguration };
      if (value === undefined) delete config[picked.key];
      else config[picked.key] = value;
      this.execution = Object.keys(config).length ? { compute: execution.compute, computeConfiguration: config } : { compute: execution.compute };
    }
  }

  /** The field's new value, undefined to unset it, or BACK. */
  private async promptField(title: string, field: ConfigField): Promise<unknown> {
    const current = this.execution?.computeConfiguration?.[field.key];
    switch (field.kind) {
      case 'choice':
        return this.prompter.pick<string | number | undefined>({
          title,
          canGoBack: true,
          placeholder: field.label,
          activeValue: current as string | number | undefined,
          items: [{ label: 'Not set', value: undefined }, ...field.values.map((v) => ({ label: String(v), value: v }))],
        });
      case 'integer': {
        const text = await this.prompter.input({
          title,
          canGoBack: true,
          prompt: `${field.label} (empty to leave it unset)`,
          value: current === undefined ? '' : String(current),
          validate: (v) => (v.trim() === '' ? undefined : validateNumExecutors(v)),
        });
        if (text === BACK) return BACK;
        return text.trim() === '' ? undefined : Number(text.trim());
      }
      case 'sessionTag': {
        const tag = await this.prompter.input({
          title,
          canGoBack: true,
          prompt: 'A session tag shares one high-concurrency Spark session between runs (empty turns it off)',
          value: (current as { sessionTag?: string } | undefined)?.sessionTag ?? '',
        });
        if (tag === BACK) return BACK;
        return tag.trim() === '' ? undefined : { enabled: true, sessionTag: tag.trim() };
      }
      case 'reference':
        return this.pickReference(title, {}, field.label, field.itemType);
    }
  }

  /** An item of the workspace as an ItemReferenceById, undefined for "Not set", or BACK. */
  private async pickReference(
    title: string,
    at: Partial<StepPosition>,
    label: string,
    itemType: 'Lakehouse' | 'Environment',
  ): Promise<ItemReferenceById | undefined | Back> {
    const candidates = (await this.input.listReferences?.(itemType)) ?? [];
    for (const c of candidates) this.referenceNames.set(c.id, c.displayName);
    const picked = await this.prompter.pick<ReferenceCandidate | undefined>({
      title,
      ...at,
      canGoBack: true,
      placeholder: candidates.length ? label : `No ${itemType} items in this workspace`,
      items: [{ label: 'Not set', value: undefined }, ...candidates.map((c) => ({ label: c.displayName, value: c }))],
    });
    if (picked === BACK || picked === undefined) return picked;
    return { referenceType: 'ById', itemId: picked.id, workspaceId: picked.workspaceId };
  }

  /** Sets one executionData field: text checked as typed, true/false, on/off, or an item; empty unsets it. */
  private async editField(field: ExecutionField): Promise<void> {
    const title = `${this.input.title}: ${field.label}`;
    const at = FIELD_STEPS.at('field', {});
    const current = fieldValue(this.fieldData, field.key);
    let value: unknown;
    switch (field.kind) {
      case 'text':
      case 'list': {
        const text = await this.prompter.input({
          title,
          ...at,
          canGoBack: true,
          prompt: `${field.label}${field.kind === 'list' ? ', comma-separated' : ''}${field.kind === 'text' && field.required ? '' : ' (empty to leave it unset)'}`,
          value: formatFieldValue(current),
          validate: (v) => checkFieldText(field, v),
        });
        if (text === BACK) return;
        value = parseFieldText(field, text);
        break;
      }
      case 'boolean':
      case 'section': {
        const items: PickItem<boolean | undefined>[] =
          field.kind === 'boolean'
            ? [
                { label: 'Not set', value: undefined },
                { label: 'true', value: true },
                { label: 'false', value: false },
              ]
            : [
                { label: 'Off', value: undefined },
                { label: 'On', value: true },
              ];
        const active = field.kind === 'section' ? (current === undefined ? undefined : true) : (current as boolean | undefined);
        const picked = await this.prompter.pick({ title, ...at, canGoBack: true, placeholder: field.label, activeValue: active, items });
        if (picked === BACK) return;
        value = field.kind === 'boolean' ? picked : picked ? (current ?? {}) : undefined;
        break;
      }
      case 'reference': {
        const picked = await this.pickReference(title, at, field.label, field.itemType);
        if (picked === BACK) return;
        value = picked;
      }
    }
    const data = withFieldValue(this.fieldData, field.key, value);
    this.fieldData = Object.keys(data).length ? data : undefined;
  }
}

/** A field's value as the hub shows it. */
function describeField(field: ExecutionField, value: unknown, names: Map<string, string>): string {
  if (value === undefined) return field.kind === 'section' ? 'off' : 'not set';
  if (field.kind === 'section') return 'on';
  if (field.kind === 'reference') {
    const id = (value as ItemReferenceById).itemId;
    return names.get(id) ?? id;
  }
  return formatFieldValue(value);
}

function placeholderFor(type: JobParameterType): string | undefined {
  switch (type) {
    case 'Integer':
      return 'a whole number, e.g. 42';
    case 'Number':
      return 'a number, e.g. 3.14';
    case 'Boolean':
      return 'true or false';
    case 'DateTime':
      return 'YYYY-MM-DDTHH:mm:ssZ';
    case 'Guid':
      return '00000000-0000-0000-0000-000000000000';
    default:
      return undefined;
  }
}

/** Declared parameters with their defaults, overridden by (and extended with) the last run's values. */
export function initialEntries(declared: readonly DeclaredParameterLike[], last: readonly JobParameter[]): Entry[] {
  const entries: Entry[] = declared.map((d) => {
    const type = toJobParameterType(d.type);
    const text = formatParameterValue(d.defaultValue);
    return { name: d.name, type, text, declared: { type, text } };
  });
  for (const p of last) {
    const existing = entries.find((e) => e.name.toLowerCase() === p.name.toLowerCase());
    if (existing) {
      existing.type = p.type;
      existing.text = formatParameterValue(p.value);
    } else entries.push({ name: p.name, type: p.type, text: formatParameterValue(p.value) });
  }
  return entries;
}

/** A value as the user would type it: numbers and booleans bare, text quoted (so spaces show). */
export function shown(type: string, text: string): string {
  return ['Integer', 'Number', 'Boolean'].includes(type) ? text : JSON.stringify(text);
}
