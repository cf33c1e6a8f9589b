// The item-kind registry: what each item type is, and what it runs.
export * from './registry';
export { runCommandContributions, runMenuContributions, runsMenuContributions, type CommandContribution, type MenuContribution } from './manifest';
export {
  checkFieldText,
  checkFieldValue,
  executionDataProblems,
  fieldValue,
  formatFieldValue,
  parseFieldText,
  withFieldValue,
  type ExecutionField,
} from './executionFields';
export type { DefinitionLayout, ExecutionDataSpec, ItemKind, ItemKindEntry, JobKind, JobKindEntry, JobRequest, ParameterSource, RunValues } from './types';
