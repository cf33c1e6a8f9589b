// What an item kind is: how its type reads in the UI, its definition's layout, and the jobs it
// runs (how each is started, what parameters and execution data it takes, whether it can be
// scheduled). One entry per kind in builtInKinds.ts; everything else reads registry.ts.
import type { DataflowParameter } from '../definition/dataflowParameters';
import type { DefinitionFile } from '../definition/definitionFiles';
import type { DefinitionProblem } from '../definition/validateDefinitionFile';
import type { DeclaredParameter } from '../parameterRules';
import type { JobParameter, RunOnDemandItemJobRequest } from '../types';
import type { ExecutionField } from './executionFields';

export interface ItemKind {
  /** Fabric's item type, as the API spells it: `Notebook`. */
  type: string;
  /** The name of one item (quick picks, titles, messages) and of a type group in the tree. */
  one: string;
  many: string;
  /** A built-in codicon id. */
  icon: string;
  /** The item's path segment in the Fabric portal; without it the portal opens the workspace. */
  portalSegment?: string;
  /** Offered by the "Create Item" command. */
  creatable?: boolean;
  /** False for the types Fabric has no definition API for. */
  hasDefinition: boolean;
  definition?: DefinitionLayout;
  jobs: readonly JobKind[];
}

export interface DefinitionLayout {
  /** The parts "Open Item Definition" opens, first found first. */
  mainParts: readonly string[];
  /** The files (without `.platform`) of a new item, so it opens and runs straight away. */
  minimalFiles?(displayName: string): DefinitionFile[];
  /** The kind's own checks of a part before it is uploaded (beyond JSON and `.platform`). */
  validatePart?(path: string, text: string): DefinitionProblem[] | Promise<DefinitionProblem[]>;
}

/** Where a job's declared parameters come from. */
export interface ParameterSource {
  /** The item's definition files. */
  files(): Promise<DefinitionFile[]>;
  /** Items_DiscoverDataflowParameters. */
  discoverDataflowParameters(): Promise<DataflowParameter[]>;
}

/** The values of one run, as the wizard, the run file and the agents give them. */
export interface RunValues {
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

/** The request that starts a job: the notebook endpoint, or `…/jobs/{jobType}/instances`. */
export type JobRequest =
  | { endpoint: 'notebook'; body?: { parameters?: JobParameter[]; executionData?: Record<string, unknown> } }
  | { endpoint: 'itemJob'; jobType: string; body?: RunOnDemandItemJobRequest };

/** How a job's executionData is edited and checked. */
export type ExecutionDataSpec =
  /** The notebook's compute and its configuration (src/jobs/executionOptions.ts). */
  | { kind: 'notebookCompute' }
  /** Named fields, checked as the spec says (executionFields.ts). */
  | { kind: 'fields'; fields: readonly ExecutionField[]; required?: boolean };

export interface JobKind {
  /** Stable id, kept with saved jobs and last values: `notebook`, `dataflowRefresh`. */
  id: string;
  /** The item type it runs (filled in from its ItemKind). */
  itemType: string;
  /** The job type the service reports and the Jobs view shows: `RunNotebook`. */
  jobType: string;
  /** Other job types (path segment or `?jobType=`) the service runs as this job: `execute`. */
  aliases: readonly string[];
  /** The run command and how it reads: `fabricWorkbench.runNotebook`, "Run Notebook…". */
  command: string;
  title: string;
  /** The verb of its wizard's title: "Run", "Refresh". */
  verb: string;
  /** A codicon for its menu entry. */
  icon: string;
  /** Shown as an inline action on the item in the tree (at most one per kind). */
  inline?: boolean;
  /** Shown in the editor title of the item's definition files. */
  editorTitle?: boolean;
  /** Fabric can schedule it (`…/jobs/{jobType}/schedules`). */
  schedulable: boolean;
  /** `typed`: name, type, value; `automatic`: a dataflow's Automatic type; `none`: no parameters. */
  parameters: 'typed' | 'automatic' | 'none';
  /** The parameters the item declares, to start the wizard from. */
  declaredParameters?(source: ParameterSource): Promise<DeclaredParameter[]>;
  executionData?: ExecutionDataSpec;
  /** The request that starts it with these values. */
  request(values: RunValues): JobRequest;
  /** Followed on the notebook endpoint, which carries the exit value. */
  notebookInstance?: boolean;
  /** Runs on Spark: the workspace's Livy sessions list it. */
  spark?: boolean;
  /** A run has activity runs (queryactivityruns). */
  activityRuns?: boolean;
}

/** A job as builtInKinds.ts writes it: without its itemType; aliases none, verb "Run", icon play and schedulable unless said. */
export type JobKindEntry = Omit<JobKind, 'itemType' | 'aliases' | 'verb' | 'icon' | 'schedulable'> &
  Partial<Pick<JobKind, 'aliases' | 'verb' | 'icon' | 'schedulable'>>;

/** An ItemKind as builtInKinds.ts writes it: with a definition unless said, defaults left out. */
export interface ItemKindEntry extends Omit<ItemKind, 'jobs' | 'hasDefinition'> {
  hasDefinition?: boolean;
  jobs?: readonly JobKindEntry[];
}
