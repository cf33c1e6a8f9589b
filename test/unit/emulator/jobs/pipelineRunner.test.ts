import assert from 'node:assert/strict';
import type { ActivityRun } from '../../../../src/fabric/types';
import { createJobRunner } from '../../../../src/emulator/jobs';
import { pyNotebook } from './notebookFixtures';
import { TestTenant, WORKSPACE_ID } from './testTenant';

function pipelineItem(tenant: TestTenant, properties: object, displayName = 'Pipeline 1') {
  return tenant.add('DataPipeline', displayName, { 'pipeline-content.json': JSON.stringify({ properties }), '.platform': '{}' });
}

/** `name:status` of each record, in the order they were recorded. */
function timeline(runs: ActivityRun[]): string[] {
  return runs.map((run) => `${run.activityName}:${run.status}`);
}

function endOf(runs: ActivityRun[], activityName: string): ActivityRun {
  return runs.filter((run) => run.activityName === activityName).at(-1)!;
}

const after = (activity: string, ...dependencyConditions: string[]) => [
  { activity, dependencyConditions: dependencyConditions.length ? dependencyConditions : ['Succeeded'] },
];

describe('emulator pipeline runner', () => {
  it('runs Wait, SetVariable, TridentNotebook and IfCondition in dependency order, with expressions', async () => {
    const tenant = new TestTenant();
    const notebook = tenant.add('Notebook', 'Shout', {
      'notebook-content.py': pyNotebook([
        { kind: 'parameters', source: 'greeting = ""\ntimes = 1' },
        { kind: 'code', source: 'notebookutils.notebook.exit(" ".join([greeting.upper()] * times))' },
      ]),
    });
    const pipeline = pipelineItem(tenant, {
      parameters: { who: { type: 'string', defaultValue: 'nobody' }, waitSeconds: { type: 'int', defaultValue: 30 } },
      variables: { greeting: { type: 'String' }, verdict: { type: 'String' } },
      activities: [
        {
          name: 'Check',
          type: 'IfCondition',
          dependsOn: after('Notebook'),
          typeProperties: {
            expression: { value: "@equals(activity('Notebook').output.result.exitValue, 'HELLO ADA HELLO ADA')", type: 'Expression' },
            ifTrueActivities: [
              { name: 'Matched', type: 'SetVariable', typeProperties: { variableName: 'verdict', value: "@{variables('greeting')} matched" } },
            ],
            ifFalseActivities: [{ name: 'Mismatch', type: 'Fail', typeProperties: { message: 'no match', errorCode: '400' } }],
          },
        },
        { name: 'Pause', type: 'Wait', typeProperties: { waitTimeInSeconds: { value: '@pipeline().parameters.waitSeconds', type: 'Expression' } } },
        {
          name: 'Greet',
          type: 'SetVariable',
          dependsOn: after('Pause'),
          typeProperties: { variableName: 'greeting', value: "@concat('hello ', pipeline().parameters.who)" },
        },
        {
          name: 'Notebook',
          type: 'TridentNotebook',
          dependsOn: after('Greet'),
          typeProperties: {
            notebookId: notebook.itemId,
            workspaceId: WORKSPACE_ID,
            parameters: { greeting: { value: "@variables('greeting')", type: 'string' }, times: { value: '2', type: 'int' } },
          },
        },
      ],
    });
    const ctx = tenant.context([{ name: 'who', type: 'Text', value: 'ada' }]);
    const outcome = await tenant.runner.run(pipeline, 'Pipeline', ctx);

    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    assert.deepEqual(timeline(tenant.activityRuns), [
      'Pause:InProgress',
      'Pause:Succeeded',
      'Greet:InProgress',
      'Greet:Succeeded',
      'Notebook:InProgress',
      'Notebook:Succeeded',
      'Check:InProgress',
      'Matched:InProgress',
      'Matched:Succeeded',
      'Check:Succeeded',
    ]);
    assert.ok(tenant.activityRuns.every((run) => run.pipelineRunId === ctx.jobInstanceId && run.pipelineName === 'Pipeline 1'));
    assert.deepEqual(endOf(tenant.activityRuns, 'Pause').input, { waitTimeInSeconds: 30 });
    assert.deepEqual(endOf(tenant.activityRuns, 'Notebook').output, { result: { runStatus: 'Succeeded', exitValue: 'HELLO ADA HELLO ADA' } });
    assert.deepEqual(endOf(tenant.activityRuns, 'Matched').output, { name: 'verdict', value: 'hello ada matched' });
    assert.deepEqual(
      tenant.childJobs.map((job) => [job.item.itemId, job.jobType, job.parameters]),
      [
        [
          notebook.itemId,
          'RunNotebook',
          [
            { name: 'greeting', type: 'Text', value: 'hello ada' },
            { name: 'times', type: 'Integer', value: '2' },
          ],
        ],
      ],
    );
    const end = endOf(tenant.activityRuns, 'Check');
    assert.ok(end.activityRunStart && end.activityRunEnd && typeof end.durationInMs === 'number');
  });

  it('uses parameter defaults unless the run overrides them', async () => {
    const tenant = new TestTenant();
    const pipeline = pipelineItem(tenant, {
      parameters: { env: { type: 'string', defaultValue: 'dev' }, strict: { type: 'bool', defaultValue: false } },
      activities: [
        {
          name: 'Gate',
          type: 'IfCondition',
          typeProperties: {
            expression: { value: "@and(equals(pipeline().parameters.env, 'prod'), bool(pipeline().parameters.strict))", type: 'Expression' },
            ifTrueActivities: [{ name: 'Stop', type: 'Fail', typeProperties: { message: '@{pipeline().parameters.env} is locked', errorCode: 'Locked' } }],
          },
        },
      ],
    });
    assert.equal((await tenant.run(pipeline, 'Pipeline')).status, 'Completed');
    const overridden = await tenant.run(pipeline, 'Execute', [
      { name: 'env', type: 'Text', value: 'prod' },
      { name: 'strict', type: 'Boolean', value: 'true' },
    ]);
    assert.equal(overridden.status, 'Failed');
    assert.equal(overridden.failureReason?.errorCode, 'Locked');
    assert.match(overridden.failureReason?.message ?? '', /^Operation on target Gate failed: .*Inner activity name: Stop, Error: prod is locked/);
  });

  it('fails the pipeline on a Fail activity, naming it, and skips what depended on its success', async () => {
    const tenant = new TestTenant();
    const pipeline = pipelineItem(tenant, {
      activities: [
        { name: 'Boom', type: 'Fail', typeProperties: { message: 'Something broke', errorCode: '4242' } },
        { name: 'Next', type: 'Wait', dependsOn: after('Boom'), typeProperties: { waitTimeInSeconds: 1 } },
      ],
    });
    const outcome = await tenant.run(pipeline, 'Pipeline');
    assert.equal(outcome.status, 'Failed');
    assert.deepEqual(outcome.failureReason, { errorCode: '4242', message: 'Operation on target Boom failed: Something broke' });
    assert.deepEqual(timeline(tenant.activityRuns), ['Boom:InProgress', 'Boom:Failed', 'Next:Skipped']);
    assert.deepEqual(endOf(tenant.activityRuns, 'Boom').error, {
      errorCode: '4242',
      message: 'Something broke',
      failureType: 'UserError',
      target: 'Boom',
      details: '',
    });
  });

  it('succeeds when a failure is handled by an activity that runs on Failed', async () => {
    const tenant = new TestTenant();
    const pipeline = pipelineItem(tenant, {
      activities: [
        { name: 'Try', type: 'Fail', typeProperties: { message: 'expected', errorCode: '1' } },
        { name: 'Catch', type: 'Wait', dependsOn: after('Try', 'Failed'), typeProperties: { waitTimeInSeconds: 1 } },
        { name: 'Finally', type: 'Wait', dependsOn: after('Catch', 'Completed'), typeProperties: { waitTimeInSeconds: 1 } },
      ],
    });
    const outcome = await tenant.run(pipeline, 'Pipeline');
    assert.equal(outcome.status, 'Completed', outcome.failureReason?.message);
    assert.equal(endOf(tenant.activityRuns, 'Finally').status, 'Succeeded');
  });

  it('starts independent activities in parallel', async () => {
    const tenant = new TestTenant();
    const pipeline = pipelineItem(tenant, {
      activities: [
        { name: 'A', type: 'Wait', typeProperties: { waitTimeInSeconds: 5 } },
        { name: 'B', type: 'Wait', typeProperties: { waitTimeInSeconds: 5 } },
        { name: 'Join', type: 'Wait', dependsOn: [...after('A'), ...after('B')], typeProperties: { waitTimeInSeconds: 1 } },
      ],
    });
    assert.equal((await tenant.run(pipeline, 'Pipeline')).status, 'Completed');
    assert.deepEqual(timeline(tenant.activityRuns).slice(0, 2).sort(), ['A:InProgress', 'B:InProgress']);
    assert.deepEqual(timeline(tenant.activityRuns).slice(-2), ['Join:InProgress', 'Join:Succeeded']);
  });

  it('fails an activity type the emulator cannot run, naming the type', async () => {
    const tenant = new TestTenant();
    const pipeline = pipelineItem(tenant, { activities: [{ name: 'CopySales', type: 'Copy', typeProperties: {} }] });
    const outcome = await tenant.run(pipeline, 'Pipeline');
    assert.equal(outcome.status, 'Failed');
    assert.equal(outcome.failureReason?.message, 'Operation on target CopySales failed: The local emulator cannot run activities of type Copy.');
  });

  it('fails clearly on a bad expression, a missing notebook and an invalid definition', async () => {
    const tenant = new TestTenant();
    const badExpression = pipelineItem(tenant, { activities: [{ name: 'W', type: 'Wait', typeProperties: { waitTimeInSeconds: '@frobnicate(1)' } }] });
    const missingNotebook = pipelineItem(tenant, { activities: [{ name: 'N', type: 'TridentNotebook', typeProperties: { notebookId: 'nope' } }] });
    const cycle = pipelineItem(tenant, {
      activities: [
        { name: 'X', type: 'Wait', dependsOn: after('Y'), typeProperties: { waitTimeInSeconds: 1 } },
        { name: 'Y', type: 'Wait', dependsOn: after('X'), typeProperties: { waitTimeInSeconds: 1 } },
      ],
    });
    assert.deepEqual((await tenant.run(badExpression, 'Pipeline')).failureReason, {
      errorCode: 'InvalidTemplate',
      message: "Operation on target W failed: The expression function 'frobnicate' is not supported by the local emulator.",
    });
    assert.match((await tenant.run(missingNotebook, 'Pipeline')).failureReason?.message ?? '', /The notebook nope was not found/);
    assert.equal((await tenant.run(cycle, 'Pipeline')).failureReason?.errorCode, 'InvalidPipelineDefinition');
  });

  it('runs a child pipeline with InvokePipeline and fails with its failure', async () => {
    const tenant = new TestTenant();
    const child = pipelineItem(
      tenant,
      {
        parameters: { code: { type: 'string', defaultValue: 'none' } },
        activities: [{ name: 'ChildFail', type: 'Fail', typeProperties: { message: '@pipeline().parameters.code', errorCode: 'E1' } }],
      },
      'Child',
    );
    const parent = pipelineItem(tenant, {
      activities: [
        {
          name: 'Invoke',
          type: 'InvokePipeline',
          typeProperties: { pipelineId: child.itemId, workspaceId: WORKSPACE_ID, parameters: { code: 'from parent' } },
        },
      ],
    });
    const outcome = await tenant.run(parent, 'Pipeline');
    assert.equal(outcome.failureReason?.message, 'Operation on target Invoke failed: Operation on target ChildFail failed: from parent');
    assert.deepEqual(tenant.childJobs[0].parameters, [{ name: 'code', type: 'Text', value: 'from parent' }]);
  });

  it('cancels: running activities and child jobs stop, later activities never start', async () => {
    const tenant = new TestTenant(createJobRunner(), 1);
    const sleeper = tenant.add('Notebook', 'Sleeper', { 'notebook-content.py': pyNotebook([{ kind: 'code', source: 'import time\ntime.sleep(60)' }]) });
    const pipeline = pipelineItem(tenant, {
      activities: [
        { name: 'Long', type: 'Wait', typeProperties: { waitTimeInSeconds: 60 } },
        { name: 'Sleep', type: 'TridentNotebook', typeProperties: { notebookId: sleeper.itemId } },
        { name: 'Never', type: 'Wait', dependsOn: after('Long'), typeProperties: { waitTimeInSeconds: 1 } },
      ],
    });
    const abort = new AbortController();
    const running = tenant.run(pipeline, 'Pipeline', [], abort.signal);
    while (timeline(tenant.activityRuns).filter((entry) => entry.endsWith(':InProgress')).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    abort.abort();
    const outcome = await running;
    assert.equal(outcome.status, 'Cancelled');
    assert.equal(endOf(tenant.activityRuns, 'Long').status, 'Cancelled');
    assert.equal(endOf(tenant.activityRuns, 'Sleep').status, 'Cancelled');
    assert.equal(tenant.childJobs[0].outcome.status, 'Cancelled');
    assert.equal(
      tenant.activityRuns.some((run) => run.activityName === 'Never'),
      false,
    );
  });
});
