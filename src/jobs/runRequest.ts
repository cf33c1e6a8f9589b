// What a run is (item kind, parameters, execution data) and the request each kind sends:
// notebooks through the notebook execute endpoint (seed 001), pipelines as `Pipeline` jobs with
// `executionData.parameters` as an object (seed 004), dataflows as `Refresh` / `Publish` jobs (seed 002)
// whose parameters use the execute form `{ parameterName, type: 'Automatic', value }`.
import type { JobParameter, JobSubmission, RunOnDemandItemJobRequest } from '../fabric/types';

export type RunKind = 'notebook' | 'pipeline' | 'dataflowRefresh' | 'dataflowPublish';

export interface RunSpec {
  kind: RunKind;
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

/** The item types that can run, and how. */
export function runKindsFor(itemType: string): RunKind[] {
  switch (itemType.toLowerCase()) {
    case 'notebook':
      return ['notebook'];
    case 'datapipeline':
      return ['pipeline'];
    case 'dataflow':
      return ['dataflowRefresh', 'dataflowPublish'];
    default:
      return [];
  }
}

/** The job type the service reports and the Jobs view shows. */
export function jobTypeOf(kind: RunKind): string {
  switch (kind) {
    case 'notebook':
      return 'RunNotebook';
    case 'pipeline':
      return 'Pipeline';
    case 'dataflowRefresh':
      return 'Refresh';
    case 'dataflowPublish':
      return 'Publish';
  }
}

/** Whether the kind takes parameters at all (a publish takes none). */
export function takesParameters(kind: RunKind): boolean {
  return kind !== 'dataflowPublish';
}

export type RunRequest =
  | { endpoint: 'notebook'; body?: { parameters?: JobParameter[]; executionData?: Record<string, unknown> } }
  | { endpoint: 'itemJob'; jobType: string; body?: RunOnDemandItemJobRequest };

export function buildRunRequest(spec: RunSpec): RunRequest {
  const hasParameters = spec.parameters.length > 0;
  switch (spec.kind) {
    case 'notebook': {
      const body = {
        ...(hasParameters ? { parameters: spec.parameters.map(({ name, type, value }) => ({ name, type, value })) } : {}),
        ...(spec.executionData ? { executionData: spec.executionData } : {}),
      };
      return { endpoint: 'notebook', body: Object.keys(body).length ? body : undefined };
    }
    case 'pipeline': {
      const parameters = Object.fromEntries(spec.parameters.map((p) => [p.name, p.value]));
      const executionData = { ...spec.executionData, ...(hasParameters ? { parameters } : {}) };
      return { endpoint: 'itemJob', jobType: 'Pipeline', body: Object.keys(executionData).length ? { executionData } : undefined };
    }
    case 'dataflowRefresh': {
      const executionData = {
        executeOption: 'ApplyChangesIfNeeded',
        ...spec.executionData,
        ...(hasParameters ? { parameters: spec.parameters.map((p) => ({ parameterName: p.name, type: 'Automatic', value: p.value })) } : {}),
      };
      return { endpoint: 'itemJob', jobType: 'Refresh', body: { executionData } };
    }
    case 'dataflowPublish':
      return { endpoint: 'itemJob', jobType: 'Publish', body: spec.executionData ? { executionData: spec.executionData } : undefined };
  }
}

/** The part of FabricClient a submission needs. */
export interface RunClient {
  runNotebook(workspaceId: string, itemId: string, body?: object): Promise<JobSubmission>;
  runItemJob(workspaceId: string, itemId: string, jobType: string, body?: RunOnDemandItemJobRequest): Promise<JobSubmission>;
}

export function submitRun(client: RunClient, workspaceId: string, itemId: string, spec: RunSpec): Promise<JobSubmission> {
  const request = buildRunRequest(spec);
  return request.endpoint === 'notebook'
    ? client.runNotebook(workspaceId, itemId, request.body)
    : client.runItemJob(workspaceId, itemId, request.jobType, request.body);
}
