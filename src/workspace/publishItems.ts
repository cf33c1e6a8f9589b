// Publishing staged items: one after another (one upload each, with the conflict check of a save),
// so one item's conflict or failure stops that item only. Cancelling stops before the next item;
// the upload under way is let finish (an update half-sent cannot be taken back), and the items
// not reached stay pending as they were.
import type { DefinitionSaver, UploadOutcome } from './DefinitionSaver';
import type { PendingItem } from './PendingChanges';

export interface PublishReport {
  /** Each item tried, in order, with what became of it. */
  outcomes: { item: PendingItem; outcome: UploadOutcome }[];
  /** The items not tried because the publish was cancelled; still pending. */
  notStarted: PendingItem[];
}

export interface PublishOptions {
  cancelled?(): boolean;
  /** Before each item's upload: its place in the list (0-based) and the list's length. */
  onItem?(item: PendingItem, index: number, total: number): void;
}

export async function publishItems(
  saver: Pick<DefinitionSaver, 'publish'>,
  items: readonly PendingItem[],
  options: PublishOptions = {},
): Promise<PublishReport> {
  const report: PublishReport = { outcomes: [], notStarted: [] };
  for (const [index, item] of items.entries()) {
    if (options.cancelled?.()) {
      report.notStarted = items.slice(index);
      break;
    }
    options.onItem?.(item, index, items.length);
    report.outcomes.push({ item, outcome: await saver.publish(item) });
  }
  return report;
}
