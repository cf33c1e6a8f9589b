// /workspaces: list (roles, paging), get, create, update, delete. The emulator's caller is Admin
// of every workspace.
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../../fabric/types';
import { ApiError, badRequest, notFound } from '../apiError';
import type { EmulatorContext } from '../context';
import { pageOf } from '../paging';
import type { Router } from '../router';

const ROLES = ['Admin', 'Member', 'Contributor', 'Viewer'];
const CALLER_ROLE = 'Admin';

export function requireWorkspace(ctx: EmulatorContext, id: string): Workspace {
  const workspace = ctx.store.workspace(id);
  if (!workspace) throw notFound('WorkspaceNotFound', 'workspace');
  return workspace;
}

function checkName(ctx: EmulatorContext, displayName: unknown, exceptId?: string): string {
  if (typeof displayName !== 'string' || !displayName.trim()) throw badRequest('InvalidInput', 'displayName is required.');
  if (displayName.length > 256) throw badRequest('InvalidInput', 'displayName must be at most 256 characters.');
  if (ctx.store.workspaces().some((w) => w.id !== exceptId && w.displayName.toLowerCase() === displayName.toLowerCase())) {
    throw new ApiError(409, 'WorkspaceNameAlreadyExists', `A workspace named '${displayName}' already exists.`);
  }
  return displayName;
}

function checkDescription(description: unknown): string {
  if (typeof description !== 'string' || description.length > 4000)
    throw badRequest('InvalidInput', 'description must be a string of at most 4000 characters.');
  return description;
}

export function createWorkspace(ctx: EmulatorContext, displayName: string, description = ''): Workspace {
  const workspace: Workspace = {
    id: randomUUID(),
    displayName: checkName(ctx, displayName),
    description: checkDescription(description),
    type: 'Workspace',
    capacityId: '00000000-0000-0000-0000-000000000001',
  };
  ctx.store.putWorkspace(workspace);
  return workspace;
}

export function workspaceRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', '/workspaces', ({ query, origin }) => {
    const roles = query
      .get('roles')
      ?.split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const unknown = roles?.find((r) => !ROLES.includes(r));
    if (unknown) throw badRequest('InvalidParameter', `'${unknown}' is not a workspace role; use ${ROLES.join(', ')}.`);
    const visible = !roles || roles.includes(CALLER_ROLE) ? ctx.store.workspaces() : [];
    return pageOf(visible, query, ctx.pageSize, `${origin}/v1/workspaces${roles ? `?roles=${roles.join(',')}` : ''}`);
  });
  router.add('POST', '/workspaces', ({ body }) => {
    const { displayName, description } = (body ?? {}) as { displayName?: string; description?: string };
    return { status: 201, body: createWorkspace(ctx, displayName as string, description ?? '') };
  });
  router.add('GET', '/workspaces/{workspaceId}', ({ params }) => ({
    status: 200,
    body: { ...requireWorkspace(ctx, params.workspaceId!), capacityAssignmentProgress: 'Completed' },
  }));
  router.add('PATCH', '/workspaces/{workspaceId}', ({ params, body }) => {
    const workspace = { ...requireWorkspace(ctx, params.workspaceId!) };
    const change = (body ?? {}) as { displayName?: string; description?: string };
    if (change.displayName !== undefined) workspace.displayName = checkName(ctx, change.displayName, workspace.id);
    if (change.description !== undefined) workspace.description = checkDescription(change.description);
    ctx.store.putWorkspace(workspace);
    return { status: 200, body: workspace };
  });
  router.add('DELETE', '/workspaces/{workspaceId}', ({ params }) => {
    requireWorkspace(ctx, params.workspaceId!);
    ctx.store.deleteWorkspace(params.workspaceId!);
    return { status: 200 };
  });
}
