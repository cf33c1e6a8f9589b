// `queryactivityruns` (seed 004): the activity runs of a pipeline run updated in the time window,
// filtered by `filters` and sorted by `orderBy` (Data Factory's RunFilterParameters, which Fabric
// pipelines inherit), each with every field of the seed's example answer.
import type { ActivityRun } from '../fabric/types';
import { badRequest } from './apiError';
import type { StoredJob } from './store';

/** RunQueryOrderByField / RunQueryFilterOperand → the activity run's field. */
const FIELDS: Record<string, keyof ActivityRun> = {
  ActivityName: 'activityName',
  ActivityType: 'activityType',
  ActivityRunStart: 'activityRunStart',
  ActivityRunEnd: 'activityRunEnd',
  RunStart: 'activityRunStart',
  RunEnd: 'activityRunEnd',
  Status: 'status',
  PipelineName: 'pipelineName',
  ActivityRunId: 'activityRunId',
};
const OPERATORS = ['Equals', 'NotEquals', 'In', 'NotIn'];

interface Query {
  filters?: unknown;
  orderBy?: unknown;
  lastUpdatedAfter?: unknown;
  lastUpdatedBefore?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldOf(name: unknown, what: string): keyof ActivityRun {
  if (typeof name !== 'string' || !Object.hasOwn(FIELDS, name))
    throw badRequest('InvalidParameter', `${what} '${String(name)}' is not one of ${Object.keys(FIELDS).join(', ')}.`);
  return FIELDS[name]!;
}

/** Keeps the runs every filter (`{ operand, operator, values }`) lets through. */
function filtered(runs: ActivityRun[], filters: unknown): ActivityRun[] {
  if (filters === undefined) return runs;
  if (!Array.isArray(filters)) throw badRequest('InvalidParameter', 'filters must be a list of { operand, operator, values }.');
  return filters.reduce<ActivityRun[]>((kept, filter) => {
    if (!isObject(filter) || !Array.isArray(filter.values))
      throw badRequest('InvalidParameter', 'Each filter needs an operand, an operator and a list of values.');
    const field = fieldOf(filter.operand, 'The filter operand');
    if (!OPERATORS.includes(filter.operator as string))
      throw badRequest('InvalidParameter', `The filter operator '${String(filter.operator)}' is not one of ${OPERATORS.join(', ')}.`);
    const values = filter.values.map(String);
    const negate = filter.operator === 'NotEquals' || filter.operator === 'NotIn';
    return kept.filter((run) => values.includes(String(run[field] ?? '')) !== negate);
  }, runs);
}

/** Sorts by each `{ orderBy, order }` in turn. */
function sorted(runs: ActivityRun[], orderBy: unknown): ActivityRun[] {
  if (orderBy === undefined) return runs;
  if (!Array.isArray(orderBy)) throw badRequest('InvalidParameter', 'orderBy must be a list of { orderBy, order }.');
  const keys = orderBy.map((entry) => {
    if (!isObject(entry)) throw badRequest('InvalidParameter', 'Each orderBy entry needs an orderBy and an order.');
    const field = fieldOf(entry.orderBy, 'orderBy');
    if (entry.order !== 'ASC' && entry.order !== 'DESC') throw badRequest('InvalidParameter', `order '${String(entry.order)}' must be ASC or DESC.`);
    return { field, sign: entry.order === 'ASC' ? 1 : -1 };
  });
  return [...runs].sort((a, b) => {
    for (const { field, sign } of keys) {
      const order = String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
      if (order) return sign * order;
    }
    return 0;
  });
}

/** The run as the service answers it: every field of seed 004's example, `pipelineName` the pipeline's item id. */
function present(run: ActivityRun, job: StoredJob): Record<string, unknown> {
  const resource = `/SUBSCRIPTIONS/${job.workspaceId}/RESOURCEGROUPS/${job.workspaceId}/PROVIDERS/MICROSOFT.TRIDENT/WORKSPACES/${job.workspaceId}`;
  return {
    ...run,
    pipelineName: job.itemId,
    linkedServiceName: '',
    input: run.input ?? {},
    output: run.output ?? {},
    error: { errorCode: '', message: '', failureType: '', target: run.activityName, details: '', ...run.error },
    retryAttempt: null,
    iterationHash: '',
    userProperties: {},
    recoveryStatus: 'None',
    integrationRuntimeNames: null,
    executionDetails: null,
    id: `${resource}/pipelineruns/${run.pipelineRunId}/activityruns/${run.activityRunId}`,
  };
}

export function queryActivityRuns(runs: ActivityRun[], job: StoredJob, body: unknown): Record<string, unknown>[] {
  const query = (isObject(body) ? body : {}) as Query;
  const after = typeof query.lastUpdatedAfter === 'string' ? Date.parse(query.lastUpdatedAfter) : -Infinity;
  const before = typeof query.lastUpdatedBefore === 'string' ? Date.parse(query.lastUpdatedBefore) : Infinity;
  const inWindow = runs.filter((r) => {
    const updated = Date.parse(r.activityRunEnd ?? r.activityRunStart ?? '');
    return Number.isNaN(updated) || (updated >= after && updated <= before);
  });
  return sorted(filtered(inWindow, query.filters), query.orderBy).map((run) => present(run, job));
}
