// `Fabric: Switch Tenant…` for a Microsoft account: lists the account's tenants when VS Code
// already holds an Azure Resource Manager session for it (ARM's /tenants is the API that lists
// them; asking for that session here would be a second sign-in for a list), and always lets the
// user enter a tenant id or domain. The new tenant's session is asked of VS Code (which may show
// its sign-in) before the connection changes: a cancelled or failed sign-in changes nothing.
import * as vscode from 'vscode';
import { answerOf, type PickItem, type Prompter } from '../../base/prompter';
import type { ConnectionManager } from './ConnectionManager';
import { apiScope, microsoftSession } from './tokenProviders';

const ARM_SCOPE = 'https://management.azure.com/.default';
const ARM_TENANTS = 'https://management.azure.com/tenants?api-version=2022-12-01';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export interface Tenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

export class TenantSwitcher {
  constructor(
    private readonly connection: ConnectionManager,
    private readonly prompter: Prompter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(): Promise<void> {
    const info = this.connection.info;
    if (info?.kind !== 'microsoft') throw new Error(vscode.l10n.t("Switch Tenant is for Microsoft accounts: run 'Fabric: Sign In' with one first."));
    const title = vscode.l10n.t('Switch Tenant');
    const current = info.tenantId;
    const tenants = await this.listTenants(info.tenantId);
    // The value: the tenant picked, or undefined to enter one.
    const enter: PickItem<string | undefined> = { label: '$(edit) ' + vscode.l10n.t('Enter a tenant id or domain…'), value: undefined };
    const picks: PickItem<string | undefined>[] = [
      ...tenants.map((t) => ({
        label: t.displayName ?? t.tenantId,
        description: [t.defaultDomain, t.tenantId === current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · '),
        detail: t.tenantId,
        value: t.tenantId,
      })),
      enter,
    ];
    const placeholder =
      tenants.length > 0
        ? vscode.l10n.t('The tenants of {0}', info.account ?? vscode.l10n.t('your account'))
        : vscode.l10n.t('Your tenants cannot be listed without an Azure sign-in in VS Code: enter one');
    const picked = await answerOf(this.prompter.pick({ title, placeholder, items: picks }));
    const tenantId =
      picked ??
      (
        await answerOf(
          this.prompter.input({
            title,
            prompt: vscode.l10n.t('The tenant (directory) id, or one of its domains (contoso.onmicrosoft.com)'),
            value: current,
            validate: (value) =>
              GUID.test(value.trim()) || DOMAIN.test(value.trim())
                ? undefined
                : vscode.l10n.t('Enter a GUID such as 00000000-0000-0000-0000-000000000000, or a domain such as contoso.onmicrosoft.com.'),
          }),
        )
      ).trim();
    if (tenantId === current) return;
    const session = await microsoftSession(apiScope(), tenantId, true);
    if (!session) throw new Error(vscode.l10n.t('Signing in to tenant {0} did not complete.', tenantId));
    await this.connection.connect({ kind: 'microsoft', tenantId, account: session.account.label });
  }

  /** The account's tenants, or none when VS Code has no ARM session to ask with (never prompts). */
  private async listTenants(tenantId: string | undefined): Promise<Tenant[]> {
    try {
      const session = await microsoftSession(ARM_SCOPE, tenantId, false);
      if (!session) return [];
      const response = await fetch(ARM_TENANTS, { headers: { Authorization: `Bearer ${session.accessToken}` }, signal: AbortSignal.timeout(15_000) });
      if (!response.ok) throw new Error(`Azure Resource Manager answered ${response.status}`);
      const body = (await response.json()) as { value?: Tenant[] };
      return (body.value ?? []).filter((t) => typeof t.tenantId === 'string');
    } catch (error) {
      this.log.warn(`Could not list the account's tenants: ${(error as Error).message}`);
      return [];
    }
  }
}
