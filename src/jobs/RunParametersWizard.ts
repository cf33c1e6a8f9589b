// The run wizard's logic: a hub listing the item's parameters (declared ones with their type and
// default, plus the last values used) from which the user keeps, changes, removes or adds
// parameters and, for notebooks, sets the compute. Every step goes through the injected
// Prompter (multi-step quick input: title, step/totalSteps, Back), so unit tests drive it unchanged.
// Each path from the hub numbers only the steps it will show (WizardSteps).
import type { JobParameter, JobParameterType } from '../fabric/types';
import { BACK, type Back, type PickItem, type Prompter } from '../base/prompter';
import { WizardSteps } from '../base/wizardSteps';
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
  type NotebookExecutionData,
  type ReferenceCandidate,
} from './executionOptions';
import type { RunKind } from './runRequest';

/** A parameter the item declares (the codec's DeclaredParameter shape). */
export interface DeclaredParameterLike {
  name: string;
  type?: string;
  defaultValue?: unknown;
}

export interface RunParametersWizardInput {
  /** e.g. "Run Hello Fabric". */
  title: string;
  kind: RunKind;
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

type HubChoice = { kind: 'run' } | { kind: 'edit'; index: number } | { kind: 'add' } | { kind: 'compute' };
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
const ADD_STEPS = new WizardSteps<'hub' | 'name' | 'type' | 'value', { kind: RunKind }>([
  { name: 'hub' },
  { name: 'name' },
  { name: 'type', shouldPrompt: ({ kind }) => kind !== 'dataflowRefresh' },
  { name: 'value' },
]);

/** The hub, then the compute, then its settings when it has any. */
const COMPUTE_STEPS = new WizardSteps<'hub' | 'compute' | 'configuration', { compute?: Compute | 'default' }>([
  { name: 'hub' },
  { name: 'compute' },
  { name: 'configuration', shouldPrompt: ({ compute }) => (compute === undefined ? undefined : compute !== 'default' && configFields(compute).length > 0) },
]);

export class RunParametersWizard {
  private readonly entries: Entry[];
  private execution: NotebookExecutionData | undefined;
  private readonly referenceNames = new Map<string, string>();

  constructor(
    private readonly prompter: Prompter,
    private readonly input: RunParametersWizardInput,
  ) {
    this.entries = initialEntries(input.declared, input.last?.parameters ?? []);
    this.execution = input.last?.executionData as NotebookExecutionData | undefined;
  }

  /** Runs the wizard to the user's "Run"; rejects when the user dismisses a step. */
  async run(): Promise<RunValues> {
    for (;;) {
      const choice = await this.hub();
      if (choice.kind === 'run') return this.values();
      if (choice.kind === 'edit') await this.editEntry(choice.index);
      else if (choice.kind === 'add') await this.addEntry();
      else await this.editCompute();
    }
  }

  /** The values as they stand; the problems, if any, that the service would refuse. */
  problems(): string[] {
    return parameterProblems(this.entries);
  }

  private values(): RunValues {
    const parameters = toJobParameters(this.entries);
    return this.execution ? { parameters, executionData: { ...this.execution } } : { parameters };
  }

  private async hub(): Promise<HubChoice> {
    const problems = this.problems();
    const items: PickItem<HubChoice>[] = [
      problems.length
        ? { label: '$(warning) Fix the parameters to run', description: problems[0], value: { kind: 'edit', index: this.firstInvalid() } }
        : { label: '$(play) Run', description: this.summary(), value: { kind: 'run' } },
      ...this.entries.map((e, index) => ({
        label: `$(symbol-parameter) ${e.name}`,
        description: `${e.type} = ${shown(e.type, e.text)}${e.declared && e.text === e.declared.text ? ' (default)' : ''}`,
        detail: checkParameterText(e.type, e.text),
        value: { kind: 'edit', index } as HubChoice,
      })),
      { label: '$(add) Add a parameter…', value: { kind: 'add' } },
    ];
    if (this.input.kind === 'notebook') {
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

  private firstInvalid(): number {
    const index = this.entries.findIndex((e) => checkParameterText(e.type, e.text) !== undefined);
    return Math.max(index, 0);
  }

  private summary(): string {
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
    const at = (step: 'name' | 'type' | 'value') => ADD_STEPS.at(step, { kind: this.input.kind });
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
        const got = this.input.kind === 'dataflowRefresh' ? 'Automatic' : await this.pickType(title, at('type'), type ?? 'Text');
        if (got === BACK) {
          step = 2;
          continue;
        }
        type = got;
        step = 4;
      } else {
        const got = await this.inputValue(title, at('value'), name!, type!, '');
        if (got === BACK) {
          step = this.input.kind === 'dataflowRefresh' ? 2 : 3;
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
      case 'reference': {
        const candidates = (await this.input.listReferences?.(field.itemType)) ?? [];
        for (const c of candidates) this.referenceNames.set(c.id, c.displayName);
        const picked = await this.prompter.pick<ReferenceCandidate | undefined>({
          title,
          canGoBack: true,
          placeholder: candidates.length ? field.label : `No ${field.itemType} items in this workspace`,
          items: [{ label: 'Not set', value: undefined }, ...candidates.map((c) => ({ label: c.displayName, value: c }))],
        });
        if (picked === BACK || picked === undefined) return picked;
        return { referenceType: 'ById', itemId: picked.id, workspaceId: picked.workspaceId };
      }
    }
  }
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
