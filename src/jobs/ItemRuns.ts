// One item's recent runs as Fabric lists them (JobScheduler_ListItemJobInstances): whoever started
// them (the portal, a schedule, a pipeline, this window), newest first, a page at a time. Show Runs
// reads the first page; "Load more" the next. A page that fails keeps what was read and says why.
import { describeError } from '../fabric/errors';
import type { Item, ItemJobInstance, Page } from '../fabric/types';
import { fromInstance, itemTemplate } from './jobHistory';
import type { TrackedJob } from './TrackedJob';

export interface ItemRunsClient {
  listJobInstancesPage(workspaceId: string, itemId: string, options?: { continuationToken?: string }): Promise<Page<ItemJobInstance>>;
}

export interface RunsSubject {
  workspaceId: string;
  workspaceName?: string;
  item: Pick<Item, 'id' | 'displayName' | 'type'>;
  /** The connection the runs are read through (ConnectionManager.id). */
  connection?: string;
}

export class ItemRuns {
  private readonly listed: TrackedJob[] = [];
  private token: string | undefined;
  private started = false;
  /** Why the last page could not be read. */
  error: string | undefined;

  constructor(
    readonly subject: RunsSubject,
    private readonly client: ItemRunsClient,
  ) {}

  get runs(): readonly TrackedJob[] {
    return this.listed;
  }

  /** Whether another page can be read. */
  get hasMore(): boolean {
    return !this.started || this.token !== undefined;
  }

  /** Reads the next page (the first, the first time). */
  async loadMore(): Promise<void> {
    if (!this.hasMore) return;
    const { workspaceId, item } = this.subject;
    try {
      const page = await this.client.listJobInstancesPage(workspaceId, item.id, this.token ? { continuationToken: this.token } : {});
      const template = itemTemplate(this.subject);
      const known = new Set(this.listed.map((j) => j.id));
      this.listed.push(...page.value.filter((i) => !known.has(i.id)).map((i) => fromInstance(i, template)));
      this.token = page.continuationToken || undefined;
      this.started = true;
      this.error = undefined;
    } catch (error) {
      this.error = describeError(error);
    }
  }
}
