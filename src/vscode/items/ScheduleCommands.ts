// The schedule commands of the Workspaces view: New Schedule… on an item's Schedules node, and
// Edit…, Enable, Disable and Delete… on a schedule. The wizard (src/jobs/ScheduleWizard.ts)
// checks every field as it is typed; what Fabric still refuses comes back as its message and
// nothing changes. The Schedules node is read again after every change.
import * as vscode from 'vscode';
import type { FabricClient } from '../../fabric';
import type { ItemSchedule } from '../../fabric/types';
import { answerOf, type Prompter } from '../../base/prompter';
import { schedulableJobTypes } from '../../fabric/itemKinds';
import { ScheduleWizard } from '../../jobs/ScheduleWizard';
import { describeScheduleRule } from '../../jobs/scheduleText';
import { settings } from '../common/settings';
import type { ScheduleNode, SchedulesNode } from '../explorer/scheduleNodes';

export class ScheduleCommands {
  constructor(
    private readonly client: () => FabricClient,
    private readonly prompter: () => Prompter,
    private readonly refresh: (node: SchedulesNode) => void,
  ) {}

  /** fabricWorkbench.createSchedule on a Schedules node. */
  async create(node: SchedulesNode | undefined): Promise<ItemSchedule> {
    const parent = required(node, 'schedules');
    const { jobType, request } = await this.wizard(parent, vscode.l10n.t('New Schedule for {0}', parent.item.displayName));
    const created = await this.client().createSchedule(parent.workspaceId, parent.item.id, jobType, request);
    this.refresh(parent);
    return created;
  }

  /** fabricWorkbench.editSchedule on a schedule. */
  async edit(node: ScheduleNode | undefined): Promise<ItemSchedule> {
    const target = required(node, 'schedule');
    const { request } = await this.wizard(target.parent, vscode.l10n.t('Edit Schedule of {0}', target.item.displayName), target);
    return this.update(target, request);
  }

  /** fabricWorkbench.enableSchedule / disableSchedule on a schedule. */
  setEnabled(node: ScheduleNode | undefined, enabled: boolean): Promise<ItemSchedule> {
    const target = required(node, 'schedule');
    return this.update(target, { enabled, configuration: target.schedule.configuration });
  }

  /** fabricWorkbench.deleteSchedule: asks first (unless fabricWorkbench.confirmDelete is off). */
  async delete(node: ScheduleNode | undefined): Promise<void> {
    const target = required(node, 'schedule');
    if (settings.confirmDelete()) {
      await answerOf(
        this.prompter().confirm(
          vscode.l10n.t('Delete the schedule "{0}" of {1}?', describeScheduleRule(target.schedule.configuration), target.item.displayName),
          { modal: true, detail: vscode.l10n.t('Runs it already started are kept.') },
          vscode.l10n.t('Delete'),
        ),
      );
    }
    try {
      await this.client().deleteSchedule(target.workspaceId, target.item.id, target.jobType, target.schedule.id);
    } finally {
      this.refresh(target.parent);
    }
  }

  private async update(target: ScheduleNode, request: Pick<ItemSchedule, 'enabled' | 'configuration'>): Promise<ItemSchedule> {
    try {
      return await this.client().updateSchedule(target.workspaceId, target.item.id, target.jobType, target.schedule.id, request);
    } finally {
      this.refresh(target.parent);
    }
  }

  private wizard(parent: SchedulesNode, title: string, existing?: ScheduleNode) {
    return new ScheduleWizard(this.prompter(), {
      title,
      jobTypes: schedulableJobTypes(parent.item.type),
      existing: existing && { jobType: existing.jobType, schedule: existing.schedule },
      localZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      now: Date.now(),
    }).run();
  }
}

function required<N extends { kind: string }>(node: N | undefined, kind: N['kind']): N {
  if (node?.kind !== kind) {
    throw new Error(
      kind === 'schedules'
        ? vscode.l10n.t("Use New Schedule… on an item's Schedules node in the Fabric Workspaces view.")
        : vscode.l10n.t('Use this command on a schedule in the Fabric Workspaces view.'),
    );
  }
  return node;
}
