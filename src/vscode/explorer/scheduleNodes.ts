// The Schedules node under a schedulable item of the Workspaces view and the schedules it lists
// (read only when it is expanded): each one's rule in words, whether it is enabled and its next
// run time in this computer's time, with the job type when the item has several.
import * as vscode from 'vscode';
import { describeError } from '../../fabric/errors';
import { nextRunAfter } from '../../fabric/scheduleRecurrence';
import type { Item, ItemSchedule } from '../../fabric/types';
import type { ItemScheduleEntry } from '../../jobs/itemSchedules';
import { schedulableJobTypes } from '../../fabric/itemKinds';
import { describeScheduleRule } from '../../jobs/scheduleText';
import type { ItemNode } from '../../workspace/WorkspaceTreeModel';

export interface SchedulesNode {
  readonly kind: 'schedules';
  readonly id: string;
  readonly workspaceId: string;
  readonly item: Item;
  readonly parent: ItemNode;
}

export interface ScheduleNode {
  readonly kind: 'schedule';
  readonly id: string;
  readonly workspaceId: string;
  readonly item: Item;
  readonly jobType: string;
  readonly schedule: ItemSchedule;
  readonly parent: SchedulesNode;
}

/** No schedules, or why they could not be read (Refresh on the Schedules node reads them again). */
export interface ScheduleMessageNode {
  readonly kind: 'scheduleMessage';
  readonly id: string;
  readonly text: string;
  readonly error: boolean;
  readonly parent: SchedulesNode;
}

export type ScheduleTreeNode = SchedulesNode | ScheduleNode | ScheduleMessageNode;

export type ScheduleLoader = (workspaceId: string, item: Item) => Promise<ItemScheduleEntry[]>;

/** The item's Schedules node, when its type has job types that can be scheduled. */
export function schedulesNodeOf(parent: ItemNode): SchedulesNode | undefined {
  if (schedulableJobTypes(parent.item.type).length === 0) return undefined;
  return { kind: 'schedules', id: `${parent.id}/schedules`, workspaceId: parent.workspaceId, item: parent.item, parent };
}

export async function scheduleChildren(load: ScheduleLoader, parent: SchedulesNode): Promise<(ScheduleNode | ScheduleMessageNode)[]> {
  try {
    const entries = await load(parent.workspaceId, parent.item);
    if (entries.length === 0) return [{ kind: 'scheduleMessage', id: `${parent.id}/none`, text: vscode.l10n.t('No schedules'), error: false, parent }];
    return entries.map(({ jobType, schedule }) => ({
      kind: 'schedule',
      id: `${parent.id}/${schedule.id}`,
      workspaceId: parent.workspaceId,
      item: parent.item,
      jobType,
      schedule,
      parent,
    }));
  } catch (error) {
    return [{ kind: 'scheduleMessage', id: `${parent.id}/error`, text: describeError(error), error: true, parent }];
  }
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function scheduleTreeItem(node: ScheduleTreeNode, now: number): vscode.TreeItem {
  switch (node.kind) {
    case 'schedules': {
      const item = new vscode.TreeItem(vscode.l10n.t('Schedules'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('calendar');
      item.contextValue = 'fabricWorkbench.schedules';
      return item;
    }
    case 'schedule': {
      const { schedule, jobType } = node;
      const next = schedule.enabled ? nextRunAfter(schedule.configuration, now) : undefined;
      const state = !schedule.enabled
        ? vscode.l10n.t('disabled')
        : next === undefined
          ? vscode.l10n.t('enabled, no run to come')
          : vscode.l10n.t('next run {0}', when(next));
      const item = new vscode.TreeItem(describeScheduleRule(schedule.configuration));
      item.id = node.id;
      item.description = schedulableJobTypes(node.item.type).length > 1 ? `${jobType} · ${state}` : state;
      item.iconPath = new vscode.ThemeIcon(schedule.enabled ? 'clock' : 'circle-slash');
      item.contextValue = schedule.enabled ? 'fabricWorkbench.schedule.enabled' : 'fabricWorkbench.schedule.disabled';
      item.tooltip = [
        `${jobType}: ${describeScheduleRule(schedule.configuration)}`,
        vscode.l10n.t('From {0} to {1} (UTC)', schedule.configuration.startDateTime, schedule.configuration.endDateTime),
        state,
        vscode.l10n.t('Schedule id: {0}', schedule.id),
      ].join('\n');
      return item;
    }
    case 'scheduleMessage': {
      const item = new vscode.TreeItem(node.text);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      return item;
    }
  }
}
