// /workspaces/{id}/git/… (platform swagger, Git_*): connection, credentials, initialize, status,
// commit and update, the last four through long-running operations as Fabric runs them; and the
// emulator's own /emulator/git/{id}/… to see the repository and to push to it "from elsewhere".
import type { EmulatorContext } from '../context';
import type { GitIntegration } from '../gitIntegration';
import type { Router } from '../router';
import { longRunning } from './items';
import { requireWorkspace } from './workspaces';

export function gitRoutes(router: Router, ctx: EmulatorContext, git: GitIntegration): void {
  const base = '/workspaces/{workspaceId}/git';
  /** The workspace, checked to exist, from the path. */
  const workspace = (params: Record<string, string>): string => {
    requireWorkspace(ctx, params.workspaceId!);
    return params.workspaceId!;
  };
  router.add('GET', `${base}/connection`, ({ params }) => ({ status: 200, body: git.connection(workspace(params)) }));
  router.add('POST', `${base}/connect`, ({ params, body }) => {
    git.connect(workspace(params), body);
    return { status: 200 };
  });
  router.add('POST', `${base}/disconnect`, ({ params }) => {
    git.disconnect(workspace(params));
    return { status: 200 };
  });
  router.add('GET', `${base}/myGitCredentials`, ({ params }) => ({ status: 200, body: git.credentials(workspace(params)) }));
  router.add('PATCH', `${base}/myGitCredentials`, ({ params, body }) => ({ status: 200, body: git.updateCredentials(workspace(params), body) }));
  router.add('POST', `${base}/initializeConnection`, async ({ params, body, origin }) =>
    longRunning(ctx, origin, 200, await git.initialize(workspace(params), body)),
  );
  router.add('GET', `${base}/status`, async ({ params, origin }) => longRunning(ctx, origin, 200, await git.status(workspace(params))));
  router.add('POST', `${base}/commitToGit`, async ({ params, body, origin }) => {
    await git.commit(workspace(params), body);
    return longRunning(ctx, origin, 200, undefined);
  });
  router.add('POST', `${base}/updateFromGit`, async ({ params, body, origin }) => {
    await git.update(workspace(params), body);
    return longRunning(ctx, origin, 200, undefined);
  });

  router.add('GET', '/emulator/git/{workspaceId}', async ({ params }) => ({ status: 200, body: await git.repositoryOf(workspace(params)) }));
  router.add('POST', '/emulator/git/{workspaceId}/commits', async ({ params, body }) => ({ status: 201, body: await git.push(workspace(params), body) }));
}
