// Reads pipeline-content.json and checks what the emulator relies on before running anything:
// activity names unique, dependencies that exist in the same container, no dependency cycles.

export interface ActivityDependency {
  activity: string;
  dependencyConditions?: string[];
}

export interface PipelineActivity {
  name: string;
  type: string;
  dependsOn?: ActivityDependency[];
  typeProperties?: Record<string, unknown>;
  /** Fabric can deactivate an activity; it is then marked `onInactiveMarkAs` without running. */
  state?: string;
  onInactiveMarkAs?: string;
}

export interface DeclaredValue {
  type?: string;
  defaultValue?: unknown;
}

export interface PipelineDefinition {
  activities: PipelineActivity[];
  parameters: Record<string, DeclaredValue>;
  variables: Record<string, DeclaredValue>;
}

export class PipelineDefinitionError extends Error {}

/** typeProperties keys that hold nested activity containers. */
export const NESTED_ACTIVITY_KEYS = ['ifTrueActivities', 'ifFalseActivities', 'activities', 'cases', 'defaultActivities'];

function nestedContainers(activity: PipelineActivity): PipelineActivity[][] {
  const props = activity.typeProperties ?? {};
  return [props.ifTrueActivities, props.ifFalseActivities, props.activities, props.defaultActivities]
    .concat(Array.isArray(props.cases) ? props.cases.map((c: { activities?: unknown }) => c.activities) : [])
    .filter((list): list is PipelineActivity[] => Array.isArray(list));
}

function checkNoCycle(activities: PipelineActivity[]): void {
  const byName = new Map(activities.map((a) => [a.name, a]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (activity: PipelineActivity): void => {
    if (state.get(activity.name) === 'done') return;
    if (state.get(activity.name) === 'visiting') throw new PipelineDefinitionError(`The activities depending on '${activity.name}' form a cycle.`);
    state.set(activity.name, 'visiting');
    for (const dependency of activity.dependsOn ?? []) visit(byName.get(dependency.activity)!);
    state.set(activity.name, 'done');
  };
  activities.forEach(visit);
}

function checkContainer(activities: PipelineActivity[], seen: Set<string>): void {
  const names = new Set(activities.map((a) => a.name));
  for (const activity of activities) {
    if (typeof activity?.name !== 'string' || typeof activity.type !== 'string') {
      throw new PipelineDefinitionError('Every activity needs a name and a type.');
    }
    if (seen.has(activity.name)) throw new PipelineDefinitionError(`Two activities are named '${activity.name}'.`);
    seen.add(activity.name);
    for (const dependency of activity.dependsOn ?? []) {
      if (!names.has(dependency.activity)) {
        throw new PipelineDefinitionError(`Activity '${activity.name}' depends on '${dependency.activity}', which is not an activity next to it.`);
      }
    }
  }
  checkNoCycle(activities);
  for (const activity of activities) nestedContainers(activity).forEach((list) => checkContainer(list, seen));
}

export function parsePipelineContent(text: string): PipelineDefinition {
  let json: { properties?: { activities?: unknown; parameters?: unknown; variables?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new PipelineDefinitionError(`pipeline-content.json is not valid JSON: ${(error as Error).message}`);
  }
  const properties = json?.properties ?? {};
  const activities = properties.activities ?? [];
  if (!Array.isArray(activities)) throw new PipelineDefinitionError('properties.activities must be an array.');
  checkContainer(activities as PipelineActivity[], new Set());
  return {
    activities: activities as PipelineActivity[],
    parameters: (properties.parameters ?? {}) as Record<string, DeclaredValue>,
    variables: (properties.variables ?? {}) as Record<string, DeclaredValue>,
  };
}
