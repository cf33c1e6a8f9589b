// The Fabric tools an agent can call: one list, served by VS Code's language-model tools (whose
// manifest, package.json `contributes.languageModelTools`, a unit test keeps equal to it) and by
// the MCP server. Descriptions are written for a model: what the tool does, what it answers, and
// which tool to call next.

export type ToolName =
  | 'fabric_listWorkspaces'
  | 'fabric_listItems'
  | 'fabric_readDefinition'
  | 'fabric_updateDefinition'
  | 'fabric_runItem'
  | 'fabric_getJob'
  | 'fabric_listJobs'
  | 'fabric_cancelJob';

export interface ToolSpec {
  name: ToolName;
  /** `#name` in a chat prompt. */
  referenceName: string;
  displayName: string;
  /** For people, in VS Code's tool picker. */
  userDescription: string;
  modelDescription: string;
  /** Whether it changes or runs something (such tools ask for a confirmation first). */
  changes: boolean;
  inputSchema: JsonSchema;
}

export interface JsonSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties?: boolean;
}

const WORKSPACE = { type: 'string', description: "The workspace's name or id (fabric_listWorkspaces lists them)." };
const ITEM = { type: 'string', description: "The item's name or id (fabric_listItems lists them)." };
const ITEM_TYPE = {
  type: 'string',
  description: "The item's type (Notebook, DataPipeline, Dataflow, …), only needed when two items of different types share the name.",
};
const JOB_ID = { type: 'string', description: 'The job instance id, as fabric_runItem or fabric_listJobs answered it.' };
const itemInput = (extra: Record<string, Record<string, unknown>>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties: { workspace: WORKSPACE, item: ITEM, type: ITEM_TYPE, ...extra },
  required: ['workspace', 'item', ...required],
});

export const TOOL_SPECS: readonly ToolSpec[] = [
  {
    name: 'fabric_listWorkspaces',
    referenceName: 'fabricWorkspaces',
    displayName: 'List Fabric Workspaces',
    userDescription: 'Lists the Microsoft Fabric workspaces of the connection.',
    modelDescription:
      "Lists the Microsoft Fabric workspaces the user can reach on the current connection (a Fabric tenant or the local emulator), one line each: name and id. Call it first to find a workspace; the other Fabric tools take the workspace's name or id.",
    changes: false,
    inputSchema: {
      type: 'object',
      properties: { nameContains: { type: 'string', description: 'Only workspaces whose name contains this text (ignoring case).' } },
    },
  },
  {
    name: 'fabric_listItems',
    referenceName: 'fabricItems',
    displayName: 'List Fabric Items',
    userDescription: 'Lists the items of a Fabric workspace.',
    modelDescription:
      'Lists the items of one Microsoft Fabric workspace (notebooks, pipelines, dataflows, lakehouses, …), one line each: name, type, id, and the folder when the item is in one. Filter by type or folder. Use the names or ids with fabric_readDefinition, fabric_runItem and fabric_listJobs.',
    changes: false,
    inputSchema: {
      type: 'object',
      properties: {
        workspace: WORKSPACE,
        type: { type: 'string', description: 'Only items of this type, e.g. Notebook, DataPipeline, Dataflow, Lakehouse.' },
        folder: { type: 'string', description: 'Only items in this folder (and its subfolders): its name, its path such as "Reports/2024", or its id.' },
      },
      required: ['workspace'],
    },
  },
  {
    name: 'fabric_readDefinition',
    referenceName: 'fabricReadDefinition',
    displayName: 'Read a Fabric Item Definition',
    userDescription: 'Reads the definition of a Fabric item: its list of parts, or one part as text.',
    modelDescription:
      'Reads the definition of a Microsoft Fabric item. Without "part" it answers the list of the definition\'s parts (files) with their sizes; with "part" it answers that part\'s text. Notebooks come as notebook-content.py (cells separated by "# CELL ********************" markers, the parameters cell marked "# PARAMETERS CELL ********************", metadata in "# META" lines); pipelines as pipeline-content.json; dataflows as mashup.pq (Power Query M) and queryMetadata.json. Read a part before changing it with fabric_updateDefinition.',
    changes: false,
    inputSchema: itemInput({
      part: { type: 'string', description: "The part's path, e.g. notebook-content.py, pipeline-content.json, mashup.pq. Leave it out to list the parts." },
    }),
  },
  {
    name: 'fabric_updateDefinition',
    referenceName: 'fabricUpdateDefinition',
    displayName: 'Update a Fabric Item Definition',
    userDescription: "Replaces one part of a Fabric item's definition, checked as a save is.",
    modelDescription:
      "Replaces the whole text of one part of a Microsoft Fabric item's definition and saves it to Fabric; the other parts stay as they are. Read the part with fabric_readDefinition first and send the complete new text, not a diff. The text is checked as an editor save is (JSON must parse, notebook-content.py must keep its cell markers, mashup.pq must be valid Power Query M, .platform must keep the item's type): a problem is answered with its line and column and nothing is saved. If the item was changed in Fabric since you read it, nothing is saved and you are asked to read it again.",
    changes: true,
    inputSchema: itemInput(
      {
        part: { type: 'string', description: "The part's path, e.g. notebook-content.py, pipeline-content.json, mashup.pq." },
        content: { type: 'string', description: "The part's complete new text." },
      },
      ['part', 'content'],
    ),
  },
  {
    name: 'fabric_runItem',
    referenceName: 'fabricRunItem',
    displayName: 'Run a Fabric Item',
    userDescription: 'Runs a Fabric notebook or pipeline, or refreshes or publishes a dataflow.',
    modelDescription:
      "Starts a job of a Microsoft Fabric item: runs a notebook or a pipeline, or refreshes (or publishes) a dataflow, with optional parameters, and answers the job id at once without waiting for the end. Parameters are checked as the run wizard checks them (Integer, Number, Boolean, Text, DateTime as YYYY-MM-DDTHH:mm:ssZ, Guid; a declared parameter takes its declared type; names unique ignoring case): a wrong value is refused with the item's declared parameters listed. Parameters left out keep the item's own values. Follow the job with fabric_getJob (with waitSeconds to wait for its end).",
    changes: true,
    inputSchema: itemInput({
      parameters: {
        type: 'object',
        description:
          'Parameter values by name, e.g. {"name": "Ada", "repeat": 3}. A notebook\'s parameters are the variables of its parameters cell; a pipeline\'s are its "parameters".',
        additionalProperties: { type: ['string', 'number', 'boolean'] },
      },
      dataflowAction: {
        type: 'string',
        enum: ['refresh', 'publish'],
        description: 'For a dataflow: refresh (the default) or publish. Publish takes no parameters.',
      },
    }),
  },
  {
    name: 'fabric_getJob',
    referenceName: 'fabricGetJob',
    displayName: 'Get a Fabric Job',
    userDescription: 'Shows the status of a Fabric job, its exit value or failure reason.',
    modelDescription:
      "Answers the state of one job of a Microsoft Fabric item: status (NotStarted, InProgress, Completed, Failed, Cancelled, Deduped), start and end times, duration, a notebook's exit value, the failure reason (code, message, request id), and for pipelines each activity run with its status and error. With waitSeconds it first waits, up to that long, for the job to end.",
    changes: false,
    inputSchema: itemInput(
      {
        jobId: JOB_ID,
        waitSeconds: {
          type: 'number',
          minimum: 0,
          maximum: 600,
          description: 'Wait up to this many seconds for the job to end before answering (0, the default, answers at once).',
        },
      },
      ['jobId'],
    ),
  },
  {
    name: 'fabric_listJobs',
    referenceName: 'fabricListJobs',
    displayName: 'List Fabric Jobs',
    userDescription: 'Lists the recent runs of a Fabric item.',
    modelDescription:
      'Lists the recent jobs (runs) of one Microsoft Fabric item, newest first, one line each: job id, job type, status, start time, duration and failure reason, including runs started elsewhere (the portal, schedules, pipelines). Use a job id with fabric_getJob for the details, or with fabric_cancelJob.',
    changes: false,
    inputSchema: itemInput({ limit: { type: 'number', minimum: 1, maximum: 50, description: 'How many jobs to list (default 10).' } }),
  },
  {
    name: 'fabric_cancelJob',
    referenceName: 'fabricCancelJob',
    displayName: 'Cancel a Fabric Job',
    userDescription: 'Cancels a running Fabric job.',
    modelDescription:
      'Asks Microsoft Fabric to cancel a running job of an item. It answers at once; the job ends as Cancelled shortly after (fabric_getJob with waitSeconds shows it). A job that already ended is left as it is.',
    changes: true,
    inputSchema: itemInput({ jobId: JOB_ID }, ['jobId']),
  },
];

export function toolSpec(name: string): ToolSpec | undefined {
  return TOOL_SPECS.find((s) => s.name === name);
}
