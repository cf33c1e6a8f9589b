// What a run is (its job kind, parameters, execution data) and how it is submitted: the request
// each job kind sends comes from the item-kind registry (src/fabric/itemKinds).
import { requireJobKind, type JobRequest } from '../fabric/itemKinds';
import type { JobParameter, JobSubmission, RunOnDemandItemJobRequest } from '../fabric/types';

/** A job kind's stable id (`notebook`, `pipeline`, `dataflowRefresh`, `sparkJob`, …): JobKind.id. */
export type RunKind = string;

export interface RunSpec {
  kind: RunKind;
  parameters: JobParameter[];
  executionData?: Record<string, unknown>;
}

export function buildRunRequest(spec: RunSpec): JobRequest {
  return requireJobKind(spec.kind).request(spec);
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
