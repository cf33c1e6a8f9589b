import * as assert from 'node:assert/strict';
import { formatJobDetails } from '../../../src/jobs/jobDetails';
import { trackedJob } from './trackedJob';

describe('job details: monitoring links', () => {
  const monitoringInfo = { sparkUiUrl: 'https://spark.example/ui', driverLogUrl: 'https://spark.example/driverlog' };

  it("lists a notebook run's monitoring links and the run in the Fabric portal as Markdown links", () => {
    const text = formatJobDetails(
      trackedJob({ id: 'job-1', workspaceId: 'ws-1', itemId: 'nb-1', monitoringInfo }),
      10_000,
      'https://app.fabric.microsoft.com/',
    );
    const section = text.slice(text.indexOf('## Monitoring'));
    assert.ok(section.startsWith('## Monitoring\n- [Spark UI](https://spark.example/ui)\n- [Driver log](https://spark.example/driverlog)\n'), section);
    // The run's page, as the notebook job instance's executionSnapshotUrl names it.
    assert.ok(
      section.includes(
        '- [This run in the Fabric portal](https://app.fabric.microsoft.com/groups/ws-1/synapsenotebooks/nb-1/snapshots/job-1?experience=fabric-developer)',
      ),
      section,
    );
  });

  it('links other runs to the Monitor hub, and shows no portal where there is none (the emulator)', () => {
    const pipeline = formatJobDetails(trackedJob({ kind: 'pipeline', itemType: 'DataPipeline' }), 10_000, 'https://portal.example');
    assert.ok(pipeline.includes('- [Monitor hub in the Fabric portal](https://portal.example/monitoringhub?experience=fabric-developer)'), pipeline);
    const offline = formatJobDetails(trackedJob({ monitoringInfo }), 10_000, undefined);
    assert.ok(offline.includes('- [Driver log](https://spark.example/driverlog)'));
    assert.equal(offline.includes('portal'), false);
    assert.equal(formatJobDetails(trackedJob(), 10_000, undefined).includes('## Monitoring'), false);
  });
});
