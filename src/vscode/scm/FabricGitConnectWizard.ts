// `Fabric: Connect Workspace to Git…`: asks for the Git provider (Azure DevOps or GitHub), where
// the repository is (organization and project, or owner), the repository, branch and folder, and
// how Fabric gets the user's Git credentials; returns Git_Connect's request. Back goes to the
// previous question with its answer kept; the step numbers count only the questions the chosen
// provider and credentials ask (WizardSteps).
import * as vscode from 'vscode';
import { BACK, type Back, type Prompter, type StepInfo } from '../../base/prompter';
import { WizardSteps } from '../../base/wizardSteps';
import type { GitConnectRequest, GitCredentials, GitProviderType } from '../../fabric/types';

type StepName = 'provider' | 'owner' | 'project' | 'repository' | 'branch' | 'directory' | 'credentials' | 'connection';

interface Answers {
  provider?: 'AzureDevOps' | 'GitHub';
  owner?: string;
  project?: string;
  repository?: string;
  branch?: string;
  directory?: string;
  source?: 'Automatic' | 'ConfiguredConnection';
  connectionId?: string;
}

const onlyFor =
  (provider: GitProviderType) =>
  (a: Answers): boolean | undefined =>
    a.provider === undefined ? undefined : a.provider === provider;

/** Whether a step asks anything (undefined: it depends on an answer not given yet). */
const SHOULD_PROMPT: Partial<Record<StepName, (a: Answers) => boolean | undefined>> = {
  project: onlyFor('AzureDevOps'),
  // GitHub takes only a configured connection: nothing to choose.
  credentials: onlyFor('AzureDevOps'),
  connection: (a) => (a.provider === 'GitHub' ? true : a.source === undefined ? undefined : a.source === 'ConfiguredConnection'),
};

const STEP_NAMES: StepName[] = ['provider', 'owner', 'project', 'repository', 'branch', 'directory', 'credentials', 'connection'];
const STEPS = new WizardSteps<StepName, Answers>(STEP_NAMES.map((name) => ({ name, shouldPrompt: SHOULD_PROMPT[name] })));

/** Once the answers before it are given, whether the step asks. */
const asks = (name: StepName, answers: Answers): boolean => SHOULD_PROMPT[name]?.(answers) !== false;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required name of at most `max` characters (the swagger's limits). */
const required = (max: number) => (value: string) =>
  !value.trim() ? vscode.l10n.t('Enter a value.') : value.length > max ? vscode.l10n.t('At most {0} characters.', max) : undefined;

export class FabricGitConnectWizard {
  constructor(
    private readonly prompter: Prompter,
    private readonly workspaceName: string,
  ) {}

  async run(): Promise<GitConnectRequest> {
    const answers: Answers = {};
    const steps: { name: StepName; ask: () => Promise<Back | undefined> }[] = [
      { name: 'provider', ask: () => this.askProvider(answers) },
      {
        name: 'owner',
        ask: () =>
          this.ask(answers, 'owner', {
            prompt: answers.provider === 'GitHub' ? vscode.l10n.t('GitHub owner (a user or an organization)') : vscode.l10n.t('Azure DevOps organization'),
            validate: required(100),
          }),
      },
      { name: 'project', ask: () => this.ask(answers, 'project', { prompt: vscode.l10n.t('Azure DevOps project'), validate: required(100) }) },
      { name: 'repository', ask: () => this.ask(answers, 'repository', { prompt: vscode.l10n.t('Repository'), validate: required(128) }) },
      { name: 'branch', ask: () => this.ask(answers, 'branch', { prompt: vscode.l10n.t('Branch'), value: 'main', validate: required(250) }) },
      {
        name: 'directory',
        ask: () =>
          this.ask(answers, 'directory', {
            prompt: vscode.l10n.t('Folder in the repository that holds the items (/ for its root)'),
            value: '/',
            validate: (v) => (v.length > 256 ? vscode.l10n.t('At most {0} characters.', 256) : undefined),
          }),
      },
      { name: 'credentials', ask: () => this.askSource(answers) },
      {
        name: 'connection',
        ask: () =>
          this.ask(answers, 'connectionId', {
            prompt: vscode.l10n.t('Id of the Fabric connection holding your Git credentials (Manage connections and gateways)'),
            validate: (v) => (GUID.test(v.trim()) ? undefined : vscode.l10n.t('Enter a GUID, e.g. 00000000-0000-0000-0000-000000000000.')),
          }),
      },
    ];
    for (let index = 0; index < steps.length;) {
      if (!asks(steps[index]!.name, answers)) index++;
      else if ((await steps[index]!.ask()) !== BACK) index++;
      else
        do index--;
        while (index > 0 && !asks(steps[index]!.name, answers));
    }
    return this.request(answers);
  }

  private stepInfo(name: StepName, answers: Answers): StepInfo {
    return { title: vscode.l10n.t('Connect {0} to Git', this.workspaceName), ...STEPS.at(name, answers), canGoBack: name !== 'provider' };
  }

  private async askProvider(answers: Answers): Promise<Back | undefined> {
    const provider = await this.prompter.pick({
      ...this.stepInfo('provider', answers),
      placeholder: vscode.l10n.t('Where is the repository?'),
      items: [
        { label: '$(azure-devops) Azure DevOps', value: 'AzureDevOps' as const },
        { label: '$(github) GitHub', value: 'GitHub' as const },
      ],
      activeValue: answers.provider,
    });
    if (provider === BACK) return BACK;
    answers.provider = provider;
    return undefined;
  }

  private async askSource(answers: Answers): Promise<Back | undefined> {
    const source = await this.prompter.pick({
      ...this.stepInfo('credentials', answers),
      placeholder: vscode.l10n.t('How does Fabric get your Git credentials?'),
      items: [
        { label: vscode.l10n.t('Automatic'), detail: vscode.l10n.t('Your Microsoft Entra account, as the portal does'), value: 'Automatic' as const },
        {
          label: vscode.l10n.t('Configured connection'),
          detail: vscode.l10n.t('A Fabric connection you made for Azure DevOps'),
          value: 'ConfiguredConnection' as const,
        },
      ],
      activeValue: answers.source,
    });
    if (source === BACK) return BACK;
    answers.source = source;
    return undefined;
  }

  private async ask(
    answers: Answers,
    key: 'owner' | 'project' | 'repository' | 'branch' | 'directory' | 'connectionId',
    options: { prompt: string; value?: string; validate(value: string): string | undefined },
  ): Promise<Back | undefined> {
    const name: StepName = key === 'connectionId' ? 'connection' : key;
    const answer = await this.prompter.input({ ...this.stepInfo(name, answers), ...options, value: answers[key] ?? options.value });
    if (answer === BACK) return BACK;
    answers[key] = answer.trim();
    return undefined;
  }

  private request(a: Answers): GitConnectRequest {
    const common = { repositoryName: a.repository!, branchName: a.branch!, directoryName: a.directory || '/' };
    const credentials: GitCredentials =
      a.provider === 'GitHub' || a.source === 'ConfiguredConnection'
        ? { source: 'ConfiguredConnection', connectionId: a.connectionId! }
        : { source: 'Automatic' };
    return a.provider === 'GitHub'
      ? { gitProviderDetails: { gitProviderType: 'GitHub', ownerName: a.owner!, ...common }, myGitCredentials: credentials }
      : {
          gitProviderDetails: { gitProviderType: 'AzureDevOps', organizationName: a.owner!, projectName: a.project!, ...common },
          myGitCredentials: credentials,
        };
  }
}
