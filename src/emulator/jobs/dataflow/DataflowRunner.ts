// Dataflow Gen2 jobs: Publish (ApplyChanges) checks the mashup's syntax and keeps it as the
// published version; Refresh (Execute) runs the last published version, simulated.
import { completed, failed, readTextPart, simulatedWork } from '../outcomes';
import type { JobContext, JobOutcome, JobRunner, RunnableItem } from '../types';
import { validateMashup } from '../../../fabric/definition';

export interface PublishedDataflow {
  publishedAtUtc: string;
  mashup: string;
}

/** Published versions by item id, as the HTTP layer persists them. */
export type DataflowPublishedState = Record<string, PublishedDataflow>;

/** How long a simulated refresh takes before timeScale. */
const REFRESH_MS = 2000;

export class DataflowRunner implements JobRunner {
  private readonly published = new Map<string, PublishedDataflow>();

  async run(item: RunnableItem, jobType: string, ctx: JobContext): Promise<JobOutcome> {
    // The registry's job types: Publish (applyChanges) and Refresh (execute).
    return jobType === 'Publish' ? this.publish(item) : this.refresh(item, ctx);
  }

  exportPublishedState(): DataflowPublishedState {
    return Object.fromEntries(this.published);
  }

  importPublishedState(state: DataflowPublishedState): void {
    this.published.clear();
    for (const [itemId, version] of Object.entries(state)) this.published.set(itemId, version);
  }

  private async publish(item: RunnableItem): Promise<JobOutcome> {
    const mashup = readTextPart(item.files, 'mashup.pq');
    if (mashup === undefined) return failed('InvalidDataflowDefinition', 'The dataflow has no mashup.pq part to publish.');
    const [error] = await validateMashup(mashup);
    if (error) {
      const where = `mashup.pq, line ${error.line}, column ${error.column}`;
      return {
        status: 'Failed',
        failureReason: {
          errorCode: 'MashupSyntaxError',
          message: `${where}: ${error.message}`,
          moreDetails: [{ errorCode: 'SyntaxErrorLocation', message: where, relatedResource: { resourceId: 'mashup.pq', resourceType: 'DefinitionPart' } }],
        },
      };
    }
    this.published.set(item.itemId, { publishedAtUtc: new Date().toISOString(), mashup });
    return completed();
  }

  private async refresh(item: RunnableItem, ctx: JobContext): Promise<JobOutcome> {
    if (!this.published.has(item.itemId)) {
      return failed('DataflowNotPublished', 'Dataflow has not been published; publish it first (job type Publish).');
    }
    return simulatedWork(REFRESH_MS, ctx);
  }
}
