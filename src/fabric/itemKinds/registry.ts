// The one item-kind registry: the tree, the file system, the wizard, the run commands, the Jobs
// view, the agents and the emulator's job routing ask it what an item type is and what it runs.
// Lookups ignore the type's case, as Fabric does.
import { encodeDefinition } from '../definition/definitionFiles';
import { PLATFORM_FILE, writePlatformFile } from '../definition/platformFile';
import type { ItemDefinition } from '../types';
import { BUILT_IN_KINDS } from './builtInKinds';
import type { ItemKind, ItemKindEntry, JobKind } from './types';

const kinds = new Map<string, ItemKind>();

function complete(entry: ItemKindEntry): ItemKind {
  const jobs = (entry.jobs ?? []).map((job) => ({ aliases: [], verb: 'Run', icon: 'play', schedulable: true, ...job, itemType: entry.type }));
  return { ...entry, hasDefinition: entry.hasDefinition ?? true, jobs };
}

for (const entry of BUILT_IN_KINDS) kinds.set(entry.type.toLowerCase(), complete(entry));

/** Adds a kind (tests add fake ones); dispose() takes it away again. */
export function registerItemKind(entry: ItemKindEntry): { dispose(): void } {
  const key = entry.type.toLowerCase();
  if (kinds.has(key)) throw new Error(`The item kind ${entry.type} is registered already.`);
  kinds.set(key, complete(entry));
  return { dispose: () => kinds.delete(key) };
}

export function itemKinds(): ItemKind[] {
  return [...kinds.values()];
}

export function itemKind(type: string): ItemKind | undefined {
  return kinds.get(type.toLowerCase());
}

/** A type the registry does not know reads as its name split into words ("NewThing": "New thing"). */
function words(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
}

/** The name of one item of the type: "Data pipeline". */
export function itemTypeName(type: string): string {
  return itemKind(type)?.one ?? words(type);
}

/** The name of the tree's group of the type: "Data pipelines". */
export function itemTypeGroupName(type: string): string {
  return itemKind(type)?.many ?? words(type);
}

export function itemTypeIconId(type: string): string {
  return itemKind(type)?.icon ?? 'symbol-misc';
}

/**
 * The tree node's contextValue, which package.json's menus match: `fabricWorkbench.item.notebook`,
 * with `.pinned` for an item pinned to the Jobs view (so the menu offers Unpin instead of Pin).
 */
export function itemContextValue(type: string, pinned = false): string {
  return `fabricWorkbench.item.${type.toLowerCase()}${pinned ? PINNED_SUFFIX : ''}`;
}

export const PINNED_SUFFIX = '.pinned';

/** Whether Fabric has a definition API for the type (unknown types are assumed to). */
export function hasDefinition(type: string): boolean {
  return itemKind(type)?.hasDefinition ?? true;
}

/** A definition for a new `type` item, or undefined for types created without one. */
export function minimalDefinition(type: string, displayName: string): ItemDefinition | undefined {
  const files = itemKind(type)?.definition?.minimalFiles?.(displayName);
  if (!files) return undefined;
  return encodeDefinition([...files, { path: PLATFORM_FILE, content: new TextEncoder().encode(writePlatformFile({ type, displayName })) }]);
}

/** The part to open first among `names`: the kind's main part, else any but `.platform`. */
export function mainPart(type: string, names: readonly string[]): string | undefined {
  const main = itemKind(type)?.definition?.mainParts.find((p) => names.includes(p));
  return main ?? names.find((n) => n !== PLATFORM_FILE) ?? names[0];
}

/** Every job of every kind (or of one item type), in registry order. */
export function jobKinds(itemType?: string): JobKind[] {
  return itemType === undefined ? itemKinds().flatMap((k) => k.jobs) : [...(itemKind(itemType)?.jobs ?? [])];
}

/** The job kind of a stable id (`notebook`, `sparkJob`). */
export function jobKind(id: string): JobKind | undefined {
  return jobKinds().find((j) => j.id === id);
}

export function requireJobKind(id: string): JobKind {
  const job = jobKind(id);
  if (!job) throw new Error(`No job kind is called "${id}".`);
  return job;
}

/** The job an item of `itemType` runs for `jobType` (its name or an alias, any case). */
export function jobKindOf(itemType: string, jobType: string): JobKind | undefined {
  const wanted = jobType.toLowerCase();
  return jobKinds(itemType).find((j) => j.jobType.toLowerCase() === wanted || j.aliases.includes(wanted));
}

/** The item types that run at least one job. */
export function runnableItemTypes(): string[] {
  return itemKinds()
    .filter((k) => k.jobs.length > 0)
    .map((k) => k.type);
}

/** The job types Fabric can schedule for items of `itemType` (`…/jobs/{jobType}/schedules`). */
export function schedulableJobTypes(itemType: string): string[] {
  return jobKinds(itemType)
    .filter((j) => j.schedulable)
    .map((j) => j.jobType);
}
