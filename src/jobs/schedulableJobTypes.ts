// Which job types of an item type can be scheduled, named as the generic schedules endpoint
// (`…/items/{id}/jobs/{jobType}/schedules`) takes them: notebooks' RunNotebook and pipelines'
// Pipeline (their run job types), and the two a dataflow's spec offers schedules for (execute:
// refresh, applyChanges: publish). The one place to fold into an item-kind registry.

const SCHEDULABLE: Readonly<Record<string, readonly string[]>> = {
  notebook: ['RunNotebook'],
  datapipeline: ['Pipeline'],
  dataflow: ['Execute', 'ApplyChanges'],
};

export function schedulableJobTypes(itemType: string): readonly string[] {
  return SCHEDULABLE[itemType.toLowerCase()] ?? [];
}
