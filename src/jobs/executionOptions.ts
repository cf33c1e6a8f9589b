// The notebook run's `executionData` (seed 001, RunNotebookRequest): the compute kinds and the only
// values the service accepts for each configuration field, so the wizard offers nothing else.

export type Compute = 'Spark' | 'Jupyter' | 'DataWarehouse';
export const COMPUTES: readonly Compute[] = ['Spark', 'Jupyter', 'DataWarehouse'];

export const SPARK_CORES = [4, 8, 16, 32, 64] as const;
export const JUPYTER_CORES = [2, 4, 8, 16, 32, 64] as const;
export const SPARK_MEMORY = ['28g', '56g', '112g', '224g', '400g'] as const;

export interface ItemReferenceById {
  referenceType: 'ById';
  itemId: string;
  workspaceId: string;
}

export interface ComputeConfiguration {
  driverCores?: number;
  driverMemory?: string;
  executorCores?: number;
  executorMemory?: string;
  numExecutors?: number;
  numCores?: number;
  defaultLakehouse?: ItemReferenceById;
  attachedEnvironment?: ItemReferenceById;
  highConcurrencyModeOptions?: { enabled: boolean; sessionTag?: string };
  [key: string]: unknown;
}

export interface NotebookExecutionData {
  compute: Compute;
  computeConfiguration?: ComputeConfiguration;
}

/** A referenced item the user can choose as default lakehouse or environment. */
export interface ReferenceCandidate {
  id: string;
  displayName: string;
  workspaceId: string;
}

/** How the wizard edits one configuration field. */
export type ConfigField =
  | { key: 'driverCores' | 'executorCores' | 'numCores'; label: string; kind: 'choice'; values: readonly number[] }
  | { key: 'driverMemory' | 'executorMemory'; label: string; kind: 'choice'; values: readonly string[] }
  | { key: 'numExecutors'; label: string; kind: 'integer' }
  | { key: 'defaultLakehouse' | 'attachedEnvironment'; label: string; kind: 'reference'; itemType: 'Lakehouse' | 'Environment' }
  | { key: 'highConcurrencyModeOptions'; label: string; kind: 'sessionTag' };

const LAKEHOUSE: ConfigField = { key: 'defaultLakehouse', label: 'Default lakehouse', kind: 'reference', itemType: 'Lakehouse' };
const ENVIRONMENT: ConfigField = { key: 'attachedEnvironment', label: 'Environment', kind: 'reference', itemType: 'Environment' };

/** The fields each compute accepts (DataWarehouse takes no configuration). */
export function configFields(compute: Compute): ConfigField[] {
  switch (compute) {
    case 'Spark':
      return [
        { key: 'driverCores', label: 'Driver cores', kind: 'choice', values: SPARK_CORES },
        { key: 'driverMemory', label: 'Driver memory', kind: 'choice', values: SPARK_MEMORY },
        { key: 'executorCores', label: 'Executor cores', kind: 'choice', values: SPARK_CORES },
        { key: 'executorMemory', label: 'Executor memory', kind: 'choice', values: SPARK_MEMORY },
        { key: 'numExecutors', label: 'Number of executors', kind: 'integer' },
        LAKEHOUSE,
        ENVIRONMENT,
        { key: 'highConcurrencyModeOptions', label: 'High-concurrency session tag', kind: 'sessionTag' },
      ];
    case 'Jupyter':
      return [{ key: 'numCores', label: 'Cores', kind: 'choice', values: JUPYTER_CORES }, LAKEHOUSE, ENVIRONMENT];
    case 'DataWarehouse':
      return [];
  }
}

/** The field's current value as the wizard shows it. */
export function describeConfigValue(field: ConfigField, config: ComputeConfiguration | undefined, names: Map<string, string>): string {
  const value = config?.[field.key];
  if (value === undefined) return 'not set';
  if (field.kind === 'reference') {
    const ref = value as ItemReferenceById;
    return names.get(ref.itemId) ?? ref.itemId;
  }
  if (field.kind === 'sessionTag') return (value as { sessionTag?: string }).sessionTag ?? 'on';
  return String(value);
}

/** Checks the executors count as typed: a whole number of at least 1. */
export function validateNumExecutors(text: string): string | undefined {
  return /^[1-9]\d{0,4}$/.test(text.trim()) ? undefined : 'Enter a whole number of executors, 1 or more.';
}

/** Drops an empty configuration so the request carries only what the user set. */
export function normalizeExecutionData(data: NotebookExecutionData | undefined): NotebookExecutionData | undefined {
  if (!data) return undefined;
  const config = data.computeConfiguration;
  if (data.compute === 'DataWarehouse' || !config || Object.keys(config).length === 0) return { compute: data.compute };
  return { compute: data.compute, computeConfiguration: config };
}
