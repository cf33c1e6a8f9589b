// The item kinds Fabric Workbench knows, one entry each. A runnable kind lists its jobs: adding one
// is an entry here plus its runner in the emulator (src/emulator/jobs/). Job types and bodies
// follow ../shared/specs: notebooks on the notebook execute endpoint (seed 001), pipelines as
// `Pipeline` jobs with `executionData.parameters` as an object (seed 004), dataflows as `Refresh` /
// `Publish` jobs whose parameters use `{ parameterName, type: 'Automatic', value }` (seed 002),
// Spark job definitions as `sparkjob`, lakehouses' `tableMaintenance` and `refreshMaterializedLakeViews`.
import { declaredDataflowParameter, extractDataflowParameters, type DataflowParameter } from '../definition/dataflowParameters';
import { fileText } from '../definition/definitionFiles';
import { extractNotebookParameters } from '../definition/notebookParameters';
import { parseIpynb } from '../definition/notebookIpynb';
import { parseNotebookPy } from '../definition/notebookPy';
import { extractPipelineParameters } from '../definition/pipelineParameters';
import { validateMashup } from '../definition/validateMashup';
import { minimalDataflowFiles, minimalNotebookFiles, minimalPipelineFiles, minimalSparkJobDefinitionFiles, SPARK_JOB_DEFINITION_V1 } from './minimalFiles';
import { errorStatus, isFabricError } from '../errors';
import type { DeclaredParameter } from '../parameterRules';
import type { ExecutionField } from './executionFields';
import type { ItemKindEntry, ParameterSource, RunValues } from './types';

/** The spec's name pattern for tables (256) and schemas (128): letters, digits and underscores, not digits only. */
const NAME_HINT = (max: number) => `use letters, digits and underscores (at most ${max}), not digits only`;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** TableMaintenanceExecutionData (lakehouse/definitions.json). */
const TABLE_MAINTENANCE_FIELDS: readonly ExecutionField[] = [
  { key: 'tableName', label: 'Table', kind: 'text', required: true, pattern: /^(?=[0-9]*[a-zA-Z_])[a-zA-Z0-9_]{1,256}$/, hint: NAME_HINT(256) },
  { key: 'schemaName', label: 'Schema (schema-enabled lakehouses)', kind: 'text', pattern: /^(?=[0-9]*[a-zA-Z_])[a-zA-Z0-9_]{1,128}$/, hint: NAME_HINT(128) },
  { key: 'optimizeSettings', label: 'Optimize (bin-compaction)', kind: 'section' },
  { key: 'optimizeSettings.vOrder', label: 'V-Order', kind: 'boolean' },
  { key: 'optimizeSettings.zOrderBy', label: 'Z-Order columns', kind: 'list' },
  { key: 'vacuumSettings', label: 'Vacuum', kind: 'section' },
  {
    key: 'vacuumSettings.retentionPeriod',
    label: 'Vacuum retention (d:hh:mm:ss)',
    kind: 'text',
    // The spec's pattern with the ranges its description gives: hours 00–23, minutes and seconds 00–59.
    pattern: /^(\d+:)?([01]?\d|2[0-3]):[0-5]?\d:[0-5]?\d$/,
    hint: 'use d:hh:mm:ss, e.g. 7:00:00:00 for seven days (hours 0–23, minutes and seconds 0–59)',
  },
  { key: 'purgeDeletionVectors', label: 'Purge deletion vectors', kind: 'boolean' },
];

/** ExecutionData of RunSparkJobDefinitionRequest (sparkjobdefinition/definitions.json). */
const SPARK_JOB_FIELDS: readonly ExecutionField[] = [
  { key: 'executableFile', label: 'Main definition file (abfss:// path)', kind: 'text', pattern: /^abfss?:\/\/\S+$/, hint: 'it must be an abfss:// path' },
  { key: 'mainClass', label: 'Main class (Java, Scala)', kind: 'text' },
  { key: 'commandLineArguments', label: 'Command-line arguments', kind: 'text' },
  { key: 'additionalLibraryUris', label: 'Reference files (abfss:// paths)', kind: 'list', pattern: /^abfss?:\/\/\S+$/, hint: 'each must be an abfss:// path' },
  { key: 'defaultLakehouseId', label: 'Default lakehouse', kind: 'reference', itemType: 'Lakehouse' },
  { key: 'environmentId', label: 'Environment', kind: 'reference', itemType: 'Environment' },
];

/** RefreshMaterializedLakeViewsExecutionData. */
const REFRESH_MLV_FIELDS: readonly ExecutionField[] = [
  { key: 'mlvExecutionDefinitionId', label: 'MLV execution definition id', kind: 'text', pattern: GUID, hint: 'it must be a GUID' },
];

/**
 * Discovered (Items_DiscoverDataflowParameters); a dataflow that is not parametric has none; where
 * the service has no discover API, the mashup's parameter queries say the same.
 */
async function dataflowParameters(source: ParameterSource): Promise<DeclaredParameter[]> {
  let found: DataflowParameter[];
  try {
    found = await source.discoverDataflowParameters();
  } catch (error) {
    if (isFabricError(error) && error.errorCode === 'DataflowNotParametricError') return [];
    if (![400, 404, 405, 501].includes(errorStatus(error) ?? 0)) throw error;
    const mashup = (await source.files()).find((f) => /(^|\/)mashup\.pq$/.test(f.path));
    found = mashup ? extractDataflowParameters(fileText(mashup)) : [];
  }
  return found.map(declaredDataflowParameter);
}

const withExecutionData = ({ executionData }: RunValues) => (executionData && Object.keys(executionData).length ? { executionData } : undefined);

export const BUILT_IN_KINDS: readonly ItemKindEntry[] = [
  {
    type: 'Notebook',
    one: 'Notebook',
    many: 'Notebooks',
    icon: 'notebook',
    portalSegment: 'synapsenotebooks',
    creatable: true,
    definition: {
      mainParts: ['notebook-content.ipynb', 'notebook-content.py', 'notebook-content.sql', 'notebook-content.scala', 'notebook-content.r'],
      minimalFiles: minimalNotebookFiles,
    },
    jobs: [
      {
        id: 'notebook',
        jobType: 'RunNotebook',
        aliases: ['execute', 'defaultjob'],
        command: 'fabricWorkbench.runNotebook',
        title: 'Run Notebook…',
        inline: true,
        editorTitle: true,
        parameters: 'typed',
        declaredParameters: async (source) => {
          const files = await source.files();
          const py = files.find((f) => /(^|\/)notebook-content\.py$/.test(f.path));
          if (py) return extractNotebookParameters(parseNotebookPy(fileText(py)));
          const ipynb = files.find((f) => f.path.endsWith('.ipynb'));
          return ipynb ? extractNotebookParameters(parseIpynb(fileText(ipynb))) : [];
        },
        executionData: { kind: 'notebookCompute' },
        request: ({ parameters, executionData }) => {
          const body = {
            ...(parameters.length ? { parameters: parameters.map(({ name, type, value }) => ({ name, type, value })) } : {}),
            ...(executionData ? { executionData } : {}),
          };
          return { endpoint: 'notebook', body: Object.keys(body).length ? body : undefined };
        },
        notebookInstance: true,
        spark: true,
      },
    ],
  },
  {
    type: 'DataPipeline',
    one: 'Data pipeline',
    many: 'Data pipelines',
    icon: 'type-hierarchy',
    portalSegment: 'pipelines',
    creatable: true,
    definition: { mainParts: ['pipeline-content.json'], minimalFiles: minimalPipelineFiles },
    jobs: [
      {
        id: 'pipeline',
        jobType: 'Pipeline',
        aliases: ['execute'],
        command: 'fabricWorkbench.runPipeline',
        title: 'Run Pipeline…',
        inline: true,
        editorTitle: true,
        parameters: 'typed',
        declaredParameters: async (source) => {
          const content = (await source.files()).find((f) => /(^|\/)pipeline-content\.json$/.test(f.path));
          return content ? extractPipelineParameters(fileText(content)) : [];
        },
        request: ({ parameters, executionData }) => {
          const data = { ...executionData, ...(parameters.length ? { parameters: Object.fromEntries(parameters.map((p) => [p.name, p.value])) } : {}) };
          return { endpoint: 'itemJob', jobType: 'Pipeline', body: Object.keys(data).length ? { executionData: data } : undefined };
        },
        activityRuns: true,
      },
    ],
  },
  {
    type: 'Dataflow',
    one: 'Dataflow',
    many: 'Dataflows',
    icon: 'symbol-event',
    portalSegment: 'dataflows-gen2',
    creatable: true,
    definition: {
      mainParts: ['mashup.pq', 'queryMetadata.json'],
      minimalFiles: minimalDataflowFiles,
      validatePart: async (path, text) =>
        path.endsWith('.pq') ? (await validateMashup(text)).map((p) => ({ ...p, message: `Power Query M syntax error: ${p.message}` })) : [],
    },
    jobs: [
      {
        id: 'dataflowRefresh',
        jobType: 'Refresh',
        aliases: ['execute'],
        command: 'fabricWorkbench.refreshDataflow',
        title: 'Refresh Dataflow…',
        verb: 'Refresh',
        inline: true,
        editorTitle: true,
        parameters: 'automatic',
        declaredParameters: dataflowParameters,
        request: ({ parameters, executionData }) => {
          const data = {
            executeOption: 'ApplyChangesIfNeeded',
            ...executionData,
            ...(parameters.length ? { parameters: parameters.map((p) => ({ parameterName: p.name, type: 'Automatic', value: p.value })) } : {}),
          };
          return { endpoint: 'itemJob', jobType: 'Refresh', body: { executionData: data } };
        },
      },
      {
        id: 'dataflowPublish',
        jobType: 'Publish',
        aliases: ['applychanges'],
        command: 'fabricWorkbench.publishDataflow',
        title: 'Publish Dataflow',
        verb: 'Publish',
        icon: 'cloud-upload',
        parameters: 'none',
        request: (values) => ({ endpoint: 'itemJob', jobType: 'Publish', body: withExecutionData(values) }),
      },
    ],
  },
  {
    type: 'SparkJobDefinition',
    one: 'Spark job definition',
    many: 'Spark job definitions',
    icon: 'zap',
    portalSegment: 'sparkjobdefinitions',
    creatable: true,
    definition: { mainParts: [SPARK_JOB_DEFINITION_V1], minimalFiles: minimalSparkJobDefinitionFiles },
    jobs: [
      {
        id: 'sparkJob',
        jobType: 'sparkjob',
        command: 'fabricWorkbench.runSparkJob',
        title: 'Run Spark Job Definition…',
        inline: true,
        parameters: 'none',
        executionData: { kind: 'fields', fields: SPARK_JOB_FIELDS },
        request: (values) => ({ endpoint: 'itemJob', jobType: 'sparkjob', body: withExecutionData(values) }),
        spark: true,
      },
    ],
  },
  {
    type: 'Lakehouse',
    one: 'Lakehouse',
    many: 'Lakehouses',
    icon: 'database',
    portalSegment: 'lakehouses',
    creatable: true,
    jobs: [
      {
        id: 'tableMaintenance',
        jobType: 'TableMaintenance',
        command: 'fabricWorkbench.runTableMaintenance',
        title: 'Run Table Maintenance…',
        verb: 'Run table maintenance on',
        icon: 'tools',
        // A schedule carries no executionData (the spec's CreateScheduleRequest), so it could not name the table.
        schedulable: false,
        parameters: 'none',
        executionData: { kind: 'fields', fields: TABLE_MAINTENANCE_FIELDS, required: true },
        request: ({ executionData }) => ({ endpoint: 'itemJob', jobType: 'tableMaintenance', body: { executionData: executionData ?? {} } }),
      },
      {
        id: 'refreshMaterializedLakeViews',
        jobType: 'RefreshMaterializedLakeViews',
        command: 'fabricWorkbench.refreshMaterializedLakeViews',
        title: 'Refresh Materialized Lake Views…',
        verb: 'Refresh the materialized lake views of',
        icon: 'refresh',
        parameters: 'none',
        executionData: { kind: 'fields', fields: REFRESH_MLV_FIELDS },
        request: (values) => ({ endpoint: 'itemJob', jobType: 'refreshMaterializedLakeViews', body: withExecutionData(values) }),
      },
    ],
  },
  { type: 'Environment', one: 'Environment', many: 'Environments', icon: 'package', portalSegment: 'sparkenvironments', creatable: true },
  { type: 'Warehouse', one: 'Warehouse', many: 'Warehouses', icon: 'server', portalSegment: 'datawarehouses', hasDefinition: false },
  { type: 'SQLEndpoint', one: 'SQL analytics endpoint', many: 'SQL analytics endpoints', icon: 'plug', hasDefinition: false },
  { type: 'SemanticModel', one: 'Semantic model', many: 'Semantic models', icon: 'graph', portalSegment: 'datasets' },
  { type: 'Report', one: 'Report', many: 'Reports', icon: 'graph-line', portalSegment: 'reports' },
  { type: 'Dashboard', one: 'Dashboard', many: 'Dashboards', icon: 'dashboard', hasDefinition: false },
  { type: 'Datamart', one: 'Datamart', many: 'Datamarts', icon: 'database', hasDefinition: false },
  { type: 'PaginatedReport', one: 'Paginated report', many: 'Paginated reports', icon: 'file-pdf' },
  { type: 'KQLDatabase', one: 'KQL database', many: 'KQL databases', icon: 'database' },
  { type: 'KQLQueryset', one: 'KQL queryset', many: 'KQL querysets', icon: 'search' },
  { type: 'KQLDashboard', one: 'KQL dashboard', many: 'KQL dashboards', icon: 'dashboard' },
  { type: 'Eventhouse', one: 'Eventhouse', many: 'Eventhouses', icon: 'server-process' },
  { type: 'Eventstream', one: 'Eventstream', many: 'Eventstreams', icon: 'pulse' },
  { type: 'MLModel', one: 'ML model', many: 'ML models', icon: 'beaker', hasDefinition: false },
  { type: 'MLExperiment', one: 'ML experiment', many: 'ML experiments', icon: 'beaker', hasDefinition: false },
  { type: 'MirroredDatabase', one: 'Mirrored database', many: 'Mirrored databases', icon: 'mirror' },
  { type: 'MirroredWarehouse', one: 'Mirrored warehouse', many: 'Mirrored warehouses', icon: 'mirror', hasDefinition: false },
  { type: 'WarehouseSnapshot', one: 'Warehouse snapshot', many: 'Warehouse snapshots', icon: 'server', hasDefinition: false },
  { type: 'CopyJob', one: 'Copy job', many: 'Copy jobs', icon: 'copy' },
  { type: 'VariableLibrary', one: 'Variable library', many: 'Variable libraries', icon: 'symbol-variable' },
  { type: 'GraphQLApi', one: 'GraphQL API', many: 'GraphQL APIs', icon: 'symbol-interface' },
  { type: 'Reflex', one: 'Activator', many: 'Activators', icon: 'bell' },
];
