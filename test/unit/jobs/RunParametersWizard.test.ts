import * as assert from 'node:assert/strict';
import { RunParametersWizard } from '../../../src/jobs/RunParametersWizard';
import { requireJobKind } from '../../../src/fabric/itemKinds';
import type { InputOptions } from '../../../src/base/prompter';
import { BACK } from '../../../src/base/prompter';
import { ScriptedPrompter, pickLabel, type, type ShownPick } from './scriptedPrompter';

const declared = [
  { name: 'rows', type: 'int', defaultValue: 10 },
  { name: 'label', type: 'str', defaultValue: 'hello' },
];

describe('RunParametersWizard', () => {
  it('runs with the declared defaults, typed, when the user picks Run at once', async () => {
    const prompter = new ScriptedPrompter([pickLabel('Run')]);
    const values = await new RunParametersWizard(prompter, { title: 'Run Hello Fabric', job: requireJobKind('notebook'), declared }).run();
    assert.deepEqual(values, {
      parameters: [
        { name: 'rows', type: 'Integer', value: 10 },
        { name: 'label', type: 'Text', value: 'hello' },
      ],
    });
    const hub = prompter.seen[0] as ShownPick;
    assert.equal(hub.title, 'Run Hello Fabric');
    assert.ok(
      hub.items.some((i) => i.label.includes('rows') && i.description === 'Integer = 10 (default)'),
      'an Integer shows as typed, unquoted',
    );
    assert.ok(
      hub.items.some((i) => i.label.includes('label') && i.description === 'Text = "hello" (default)'),
      'a Text shows quoted',
    );
  });

  it('refuses a bad Integer as the user types and sends the corrected value', async () => {
    let validation: InputOptions['validate'];
    const prompter = new ScriptedPrompter([
      pickLabel('rows'),
      pickLabel('Change the value'),
      {
        input: (o) => {
          validation = o.validate;
          assert.equal(o.step, 3);
          assert.equal(o.totalSteps, 3);
          assert.equal(o.canGoBack, true);
          return '25';
        },
      },
      pickLabel('Run'),
    ]);
    const values = await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared }).run();
    assert.match(validation!('2.5') ?? '', /not an Integer/);
    assert.match(validation!('abc') ?? '', /not an Integer/);
    assert.equal(validation!('-7'), undefined);
    assert.deepEqual(values.parameters[0], { name: 'rows', type: 'Integer', value: 25 });
  });

  it('goes back from the value step to the action step, then removes the parameter', async () => {
    const prompter = new ScriptedPrompter([pickLabel('label'), pickLabel('Change the value'), { input: () => BACK }, pickLabel('Remove'), pickLabel('Run')]);
    const values = await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared }).run();
    assert.deepEqual(
      values.parameters.map((p) => p.name),
      ['rows'],
    );
    assert.ok(prompter.done);
  });

  it('adds a parameter by hand with a unique name, a type and a checked value', async () => {
    let nameCheck: InputOptions['validate'];
    let valueCheck: InputOptions['validate'];
    const prompter = new ScriptedPrompter([
      pickLabel('Add a parameter'),
      {
        input: (o) => {
          nameCheck = o.validate;
          assert.equal(o.step, 2);
          assert.equal(o.totalSteps, 4);
          return 'when';
        },
      },
      pickLabel('DateTime'),
      {
        input: (o) => {
          valueCheck = o.validate;
          return '2025-01-31T08:00:00Z';
        },
      },
      pickLabel('Run'),
    ]);
    const values = await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared }).run();
    assert.match(nameCheck!('ROWS') ?? '', /differ only in case/);
    assert.match(nameCheck!('x'.repeat(257)) ?? '', /longer than 256/);
    assert.match(valueCheck!('2025-01-31 08:00') ?? '', /YYYY-MM-DDTHH:mm:ssZ/);
    assert.deepEqual(values.parameters[2], { name: 'when', type: 'DateTime', value: '2025-01-31T08:00:00Z' });
  });

  it("numbers only the steps that prompt: a dataflow's parameter has no type step, so its value is step 3 of 3", async () => {
    const positions: string[] = [];
    const at = (o: { step?: number; totalSteps?: number }) => positions.push(`${o.step}/${o.totalSteps}`);
    const prompter = new ScriptedPrompter([
      pickLabel('Add a parameter'),
      {
        input: (o) => {
          at(o);
          return 'region';
        },
      },
      {
        input: (o) => {
          at(o);
          return 'west';
        },
      },
      pickLabel('Run'),
    ]);
    const values = await new RunParametersWizard(prompter, { title: 'Refresh Sales', job: requireJobKind('dataflowRefresh'), declared: [] }).run();
    assert.deepEqual(positions, ['2/3', '3/3']);
    assert.deepEqual(values.parameters, [{ name: 'region', type: 'Automatic', value: 'west' }]);
  });

  it('counts the type step of a change only when the user chose to change the type', async () => {
    const positions: string[] = [];
    const prompter = new ScriptedPrompter([
      pickLabel('rows'),
      {
        pick: (o) => {
          positions.push(`${o.step}/${o.totalSteps}`);
          return 'type';
        },
      },
      {
        pick: (o) => {
          positions.push(`${o.step}/${o.totalSteps}`);
          return 'Text';
        },
      },
      pickLabel('Run'),
    ]);
    await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared }).run();
    // The action step cannot know the total yet; "10" is valid Text, so no value step follows.
    assert.deepEqual(positions, ['2/undefined', '3/4']);
  });

  it("starts from the last run's values and will not run while one is invalid for its type", async () => {
    const last = { parameters: [{ name: 'ROWS', type: 'Integer' as const, value: 'many' }] };
    const prompter = new ScriptedPrompter([
      {
        pick: (o) => {
          assert.match(o.items[0]!.label, /Fix the parameters/);
          return o.items[0]!.value;
        },
      },
      pickLabel('Change the value'),
      type('7'),
      pickLabel('Run'),
    ]);
    const values = await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared, last }).run();
    assert.deepEqual(values.parameters[0], { name: 'rows', type: 'Integer', value: 7 });
  });

  it('sets Spark compute with allowed values only and a lakehouse from the workspace', async () => {
    const prompter = new ScriptedPrompter([
      pickLabel('Compute'),
      pickLabel('Spark'),
      pickLabel('Driver cores'),
      {
        pick: (o) => {
          assert.deepEqual(
            o.items.map((i) => i.label),
            ['Not set', '4', '8', '16', '32', '64'],
          );
          return 8;
        },
      },
      pickLabel('Executor memory'),
      {
        pick: (o) => {
          assert.deepEqual(
            o.items.slice(1).map((i) => i.label),
            ['28g', '56g', '112g', '224g', '400g'],
          );
          return '56g';
        },
      },
      pickLabel('Default lakehouse'),
      pickLabel('Sales LH'),
      pickLabel('session tag'),
      type('shared'),
      pickLabel('Done'),
      pickLabel('Run'),
    ]);
    const listReferences = async (t: string) => (t === 'Lakehouse' ? [{ id: 'lh1', displayName: 'Sales LH', workspaceId: 'ws1' }] : []);
    const values = await new RunParametersWizard(prompter, { title: 'Run', job: requireJobKind('notebook'), declared: [], listReferences }).run();
    assert.deepEqual(values.executionData, {
      compute: 'Spark',
      computeConfiguration: {
        driverCores: 8,
        executorMemory: '56g',
        defaultLakehouse: { referenceType: 'ById', itemId: 'lh1', workspaceId: 'ws1' },
        highConcurrencyModeOptions: { enabled: true, sessionTag: 'shared' },
      },
    });
  });

  it('offers no compute step for pipelines', async () => {
    const prompter = new ScriptedPrompter([
      {
        pick: (o) => {
          assert.ok(!o.items.some((i) => i.label.includes('Compute')));
          return o.items[0]!.value;
        },
      },
    ]);
    const values = await new RunParametersWizard(prompter, {
      title: 'Run',
      job: requireJobKind('pipeline'),
      declared: [{ name: 'waitSec', type: 'Int', defaultValue: 1 }],
    }).run();
    assert.deepEqual(values, { parameters: [{ name: 'waitSec', type: 'Integer', value: 1 }] });
  });
});

describe('RunParametersWizard on a job with executionData fields (table maintenance)', () => {
  it('asks for the required table first, checks it as typed, and sends the fields as executionData', async () => {
    let validate: InputOptions['validate'];
    const prompter = new ScriptedPrompter([
      pickLabel('Fix the parameters to run'),
      {
        input: (o) => {
          validate = o.validate;
          return 'daily_sales';
        },
      },
      pickLabel('V-Order'),
      pickLabel('true'),
      pickLabel('Run'),
    ]);
    const values = await new RunParametersWizard(prompter, {
      title: 'Run table maintenance on Sales',
      job: requireJobKind('tableMaintenance'),
      declared: [],
    }).run();
    assert.match(String(validate!('daily sales')), /letters, digits and underscores/);
    assert.equal(validate!('daily_sales'), undefined);
    assert.deepEqual(values, { parameters: [], executionData: { tableName: 'daily_sales', optimizeSettings: { vOrder: true } } });
    const hub = prompter.seen[0] as ShownPick;
    assert.ok(!hub.items.some((i) => i.label.includes('Add a parameter')), 'a job without parameters offers none to add');
  });
});
