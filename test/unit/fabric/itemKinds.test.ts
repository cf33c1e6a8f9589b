// The item-kind registry's lookups, and the executionData fields of the newer jobs checked as the
// specs say (lakehouse TableMaintenanceExecutionData, sparkjobdefinition ExecutionData), as the
// wizard checks typed text and the emulator checks a request.
import * as assert from 'node:assert/strict';
import { declaredDataflowParameter, encodeDefinition, extractDataflowParameters, textFile } from '../../../src/fabric/definition';
import { FabricError } from '../../../src/fabric/errors';
import { readDeclaredParameters } from '../../../src/jobs/declaredParameters';
import {
  checkFieldText,
  executionDataProblems,
  jobKindOf,
  parseFieldText,
  requireJobKind,
  schedulableJobTypes,
  withFieldValue,
  type ExecutionField,
} from '../../../src/fabric/itemKinds';

const fieldsOf = (id: string): readonly ExecutionField[] => {
  const spec = requireJobKind(id).executionData;
  assert.ok(spec?.kind === 'fields');
  return spec.fields;
};
const field = (id: string, key: string) => fieldsOf(id).find((f) => f.key === key)!;

describe('item-kind registry', () => {
  it('finds a job by its job type or an alias, in any case', () => {
    assert.equal(jobKindOf('Notebook', 'execute')?.id, 'notebook');
    assert.equal(jobKindOf('notebook', 'RUNNOTEBOOK')?.id, 'notebook');
    assert.equal(jobKindOf('Dataflow', 'ApplyChanges')?.id, 'dataflowPublish');
    assert.equal(jobKindOf('Lakehouse', 'tableMaintenance')?.id, 'tableMaintenance');
    assert.equal(jobKindOf('Lakehouse', 'sparkjob'), undefined);
  });

  it('names the job types Fabric can schedule per item type', () => {
    assert.deepEqual(schedulableJobTypes('Notebook'), ['RunNotebook']);
    assert.deepEqual(schedulableJobTypes('Dataflow'), ['Refresh', 'Publish']);
    assert.deepEqual(schedulableJobTypes('SparkJobDefinition'), ['sparkjob']);
    assert.deepEqual(schedulableJobTypes('Lakehouse'), ['RefreshMaterializedLakeViews']);
    assert.deepEqual(schedulableJobTypes('Warehouse'), []);
  });
});

describe('table maintenance executionData, as the spec says', () => {
  it('takes table and schema names of letters, digits and underscores, not digits only, at most 256 / 128', () => {
    for (const ok of ['table1', '_t', 'a1_b', 'x'.repeat(256)]) assert.equal(checkFieldText(field('tableMaintenance', 'tableName'), ok), undefined, ok);
    for (const bad of ['2024', 'daily sales', 'sales-eu', 'x'.repeat(257), '']) assert.ok(checkFieldText(field('tableMaintenance', 'tableName'), bad), bad);
    assert.equal(checkFieldText(field('tableMaintenance', 'schemaName'), 'dbo'), undefined);
    assert.ok(checkFieldText(field('tableMaintenance', 'schemaName'), 'x'.repeat(129)));
    assert.equal(checkFieldText(field('tableMaintenance', 'schemaName'), ''), undefined, 'the schema is optional');
  });

  it('takes a vacuum retention d:hh:mm:ss with hours 0–23 and minutes, seconds 0–59', () => {
    const retention = field('tableMaintenance', 'vacuumSettings.retentionPeriod');
    for (const ok of ['7:01:00:00', '0:00:00:00', '01:00:00', '30:23:59:59']) assert.equal(checkFieldText(retention, ok), undefined, ok);
    for (const bad of ['1:24:00:00', '1:00:60:00', '1:00:00:60', '7 days', '7']) assert.ok(checkFieldText(retention, bad), bad);
  });

  it('reads Z-order columns comma-separated and nests settings, an empty section meaning "with the defaults"', () => {
    assert.deepEqual(parseFieldText(field('tableMaintenance', 'optimizeSettings.zOrderBy'), ' tipAmount, region ,'), ['tipAmount', 'region']);
    let data = withFieldValue(undefined, 'tableName', 'table1');
    data = withFieldValue(data, 'optimizeSettings.vOrder', true);
    data = withFieldValue(data, 'optimizeSettings.vOrder', undefined);
    data = withFieldValue(data, 'vacuumSettings.retentionPeriod', undefined);
    assert.deepEqual(data, { tableName: 'table1', optimizeSettings: {} }, 'unsetting a value keeps its section; unsetting in an absent one adds nothing');
    assert.deepEqual(withFieldValue(data, 'optimizeSettings', undefined), { tableName: 'table1' });
  });

  it('finds what the service would refuse in a whole executionData', () => {
    const fields = fieldsOf('tableMaintenance');
    assert.deepEqual(executionDataProblems(fields, { tableName: 'table1', optimizeSettings: { vOrder: true, zOrderBy: ['tipAmount'] } }, true), []);
    assert.deepEqual(executionDataProblems(fields, undefined, true), ['executionData is required.']);
    assert.deepEqual(executionDataProblems(fields, { optimizeSettings: { zOrderBy: 'tipAmount' } }, true), [
      'tableName is required.',
      'optimizeSettings.zOrderBy must be a list of strings.',
    ]);
  });
});

describe('Spark job definition executionData', () => {
  it('takes abfss:// paths for the main file and the reference files', () => {
    assert.equal(checkFieldText(field('sparkJob', 'executableFile'), 'abfss://ws@onelake.dfs.fabric.microsoft.com/lh/Files/main.py'), undefined);
    assert.match(String(checkFieldText(field('sparkJob', 'executableFile'), '/tmp/main.py')), /abfss/);
    assert.match(String(checkFieldText(field('sparkJob', 'additionalLibraryUris'), 'abfss://a/b.jar, c.jar')), /c\.jar/);
  });
});

describe('dataflow parameters from mashup.pq', () => {
  it('reads the parameter queries with their M type, default and whether they are required, and starts the wizard from them', () => {
    const mashup = [
      'section Section1;',
      'shared Region = "EU" meta [IsParameterQuery = true, Type = "Text", IsParameterQueryRequired = true];',
      'shared #"Min rows" = 10 meta [IsParameterQuery=true, Type="Number", IsParameterQueryRequired=false];',
      'shared Ratio = 0.5 meta [IsParameterQuery = true, Type = "Number"];',
      'shared Flag = true meta [IsParameterQuery = true, Type = "Logical"];',
      'shared NotAParameter = 1 meta [Documentation.Name = "x"];',
      'shared Query = let Source = Region in Source;',
    ].join('\n');
    const found = extractDataflowParameters(mashup);
    assert.deepEqual(
      found.map((p) => [p.name, p.type, p.defaultValue, p.isRequired]),
      [
        ['Region', 'String', 'EU', true],
        ['Min rows', 'Integer', 10, false],
        ['Ratio', 'Number', 0.5, false],
        ['Flag', 'Boolean', true, false],
      ],
    );
    assert.deepEqual(found.map(declaredDataflowParameter), [
      { name: 'Region', type: 'Text', defaultValue: 'EU' },
      { name: 'Min rows', type: 'Integer', defaultValue: '10' },
      { name: 'Ratio', type: 'Number', defaultValue: '0.5' },
      { name: 'Flag', type: 'Boolean', defaultValue: 'true' },
    ]);
  });
});

describe("a dataflow refresh's declared parameters", () => {
  const mashup = 'section Section1;\nshared Region = "EU" meta [IsParameterQuery = true, Type = "Text"];\nshared Query = 1;\n';
  const reader = (discover: () => Promise<never>) => ({
    getDefinition: async () => encodeDefinition([textFile('mashup.pq', mashup)]),
    discoverDataflowParameters: discover,
  });
  const read = (discover: () => Promise<never>) => readDeclaredParameters(reader(discover), 'w', { id: 'd', type: 'Dataflow' }, 'dataflowRefresh');

  it('are none for a dataflow Fabric says is not parametric', async () => {
    const notParametric = new FabricError({ status: 400, errorCode: 'DataflowNotParametricError', message: 'not parametric', hasErrorResponse: true });
    assert.deepEqual(await read(() => Promise.reject(notParametric)), []);
  });

  it("are read from the mashup's parameter queries where the service has no discover API", async () => {
    const missing = new FabricError({ status: 404, errorCode: 'NotFound', message: 'no such route' });
    assert.deepEqual(await read(() => Promise.reject(missing)), [{ name: 'Region', type: 'Text', defaultValue: 'EU' }]);
  });

  it('fail with the reason on any other failure', async () => {
    const denied = new FabricError({ status: 403, errorCode: 'InsufficientPrivileges', message: 'denied', hasErrorResponse: true });
    await assert.rejects(
      read(() => Promise.reject(denied)),
      /denied/,
    );
  });
});
