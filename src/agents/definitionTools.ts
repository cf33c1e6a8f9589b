// fabric_readDefinition and fabric_updateDefinition. Definitions go through a DefinitionCache of the
// tools' own: a read always fetches the current definition and records it as the part's base; an
// update is the editor's save (src/workspace/DefinitionCache.ts): the same checks first
// (validatePart), then the conflict check against what the model last read, then one upload.
// Notebooks are asked for in the fabricGitSource format: notebook-content.py, which models read best.
import { DefinitionCache, DefinitionConflictError } from '../workspace/DefinitionCache';
import { staysInside } from '../workspace/localPaths';
import { validatePart } from '../workspace/partValidation';
import type { Item } from '../fabric/types';
import type { ToolContext } from './toolContext';
import { findTarget, type Target } from './targets';
import { optionalText, requiredText, ToolError } from './ToolError';

/** Parts longer than this are answered in part: a model's context is not the place for megabytes. */
const MAX_PART_CHARS = 200_000;

export function definitionCache(ctx: Pick<ToolContext, 'host'>): DefinitionCache {
  return new DefinitionCache(
    () => ctx.host.client(),
    (item) => (isNotebook(item) ? 'fabricGitSource' : undefined),
  );
}

export function itemInput(input: Record<string, unknown>): { workspace: string; item: string; type?: string } {
  return {
    workspace: requiredText(input, 'workspace', "the workspace's name or id"),
    item: requiredText(input, 'item', "the item's name or id"),
    type: optionalText(input, 'type'),
  };
}

export async function readDefinition(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const part = optionalText(input, 'part');
  const { item } = target;
  ctx.definitions.invalidate(item.workspaceId, item.id);
  if (!part) {
    const { files } = await ctx.definitions.get(item);
    const lines = [...files].map(([path, content]) => `- ${path} (${content.byteLength} bytes)`);
    return `${describeTarget(target)} has ${files.size} part${files.size === 1 ? '' : 's'}:\n${lines.join('\n')}\nRead one with fabric_readDefinition and its "part".`;
  }
  const content = await ctx.definitions.readPart(item, part);
  if (!content) throw new ToolError(`${describeTarget(target)} has no part "${part}". Its parts: ${await partList(ctx.definitions, item)}.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return `${part} of ${describeTarget(target)} is binary (${content.byteLength} bytes); it is not shown.`;
  }
  const shown = text.length > MAX_PART_CHARS ? `${text.slice(0, MAX_PART_CHARS)}\n[… ${text.length - MAX_PART_CHARS} more characters not shown]` : text;
  return `${part} of ${describeTarget(target)}:\n${shown}`;
}

export async function updateDefinition(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const part = requiredText(input, 'part', 'the path of the part to replace, e.g. notebook-content.py');
  const content = input.content;
  if (typeof content !== 'string') throw new ToolError('"content" is missing: give the part\'s complete new text.');
  const target = await findTarget(ctx.client, itemInput(input), signal);
  const { item } = target;
  if (!staysInside(part)) throw new ToolError(`"${part}" is not a part path: no empty, "." or ".." segments.`);
  const current = await ctx.definitions.get(item);
  if (!current.files.has(part) && isNotebook(item)) {
    throw new ToolError(`A notebook's definition is edited as its existing parts: ${await partList(ctx.definitions, item)}.`);
  }
  const bytes = new TextEncoder().encode(content);
  const problems = await validatePart(part, bytes, item.type);
  if (problems.length) {
    const list = problems.map((p) => `line ${p.line + 1}, column ${p.column + 1}: ${p.message}`).join('; ');
    throw new ToolError(`Nothing was saved: ${part} has problems: ${list}. Fix them and call fabric_updateDefinition again.`);
  }
  try {
    await ctx.definitions.save(item, new Map([[part, bytes]]));
  } catch (error) {
    if (!(error instanceof DefinitionConflictError)) throw error;
    throw new ToolError(
      `Nothing was saved: ${describeTarget(target)} was changed in Fabric since you read it. Read ${part} again with fabric_readDefinition and apply your change to that text.`,
    );
  }
  ctx.host.definitionChanged?.(item);
  return `Saved ${part} of ${describeTarget(target)} (${bytes.byteLength} bytes).`;
}

/** What the user confirms before an update. */
export async function describeUpdate(ctx: ToolContext, input: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const names = itemInput(input);
  const part = optionalText(input, 'part') ?? '(no part given)';
  const target = await findTarget(ctx.client, names, signal).then(describeTarget, () => `"${names.item}" in workspace "${names.workspace}"`);
  const size = typeof input.content === 'string' ? ` with ${input.content.split('\n').length} lines of new text` : '';
  return `Replace ${part} of ${target}${size}, on ${ctx.host.connectionLabel()}?`;
}

export function describeTarget({ workspace, item }: Target): string {
  return `"${item.displayName}" (${item.type}, id ${item.id}) in workspace "${workspace.displayName}"`;
}

async function partList(definitions: DefinitionCache, item: Item): Promise<string> {
  return [...(await definitions.get(item)).files.keys()].join(', ');
}

function isNotebook(item: Pick<Item, 'type'>): boolean {
  return item.type.toLowerCase() === 'notebook';
}
