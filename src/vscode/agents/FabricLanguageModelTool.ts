// One Fabric tool as a VS Code language-model tool: a thin wrapper over FabricTools (src/agents).
// A tool that changes or runs something asks first (prepareInvocation's confirmation names the
// workspace, the item, the parameters and the connection); every answer is text, a failure too.
import * as vscode from 'vscode';
import type { FabricTools } from '../../agents/FabricTools';
import type { ToolName } from '../../agents/toolSpecs';

type Input = Record<string, unknown>;

const CONFIRMATION_TITLES: Partial<Record<ToolName, () => string>> = {
  fabric_updateDefinition: () => vscode.l10n.t('Update a Fabric item definition?'),
  fabric_runItem: () => vscode.l10n.t('Run a Fabric item?'),
  fabric_cancelJob: () => vscode.l10n.t('Cancel a Fabric job?'),
};

export class FabricLanguageModelTool implements vscode.LanguageModelTool<Input> {
  constructor(
    private readonly tools: FabricTools,
    private readonly name: ToolName,
    private readonly displayName: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async prepareInvocation(
    options: vscode.LanguageModelToolInvocationPrepareOptions<Input>,
    token: vscode.CancellationToken,
  ): Promise<vscode.PreparedToolInvocation> {
    const invocationMessage = vscode.l10n.t('{0}…', this.displayName);
    const title = CONFIRMATION_TITLES[this.name];
    if (!title) return { invocationMessage };
    const message = await withSignal(token, (signal) => this.tools.confirmation(this.name, options.input, signal));
    return { invocationMessage, confirmationMessages: { title: title(), message: message ?? '' } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<Input>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const answer = await withSignal(token, (signal) => this.tools.invoke(this.name, options.input, signal));
    if (answer.isError) this.log.warn(`${this.name}: ${answer.text}`);
    else this.log.info(`${this.name}: done.`);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(answer.text)]);
  }
}

/** Runs `work` with an AbortSignal that fires when the token is cancelled. */
async function withSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    return await work(controller.signal);
  } finally {
    subscription.dispose();
  }
}
