// How each `fabricWorkbench.*` setting is read, kept free of `vscode` so a unit test holds it
// against package.json's contributes.configuration. The defaults are package.json's: VS Code
// hands over the contributed default, which also stands in for an empty or ill-typed value. It is
// asked for only then: VS Code's inspect() costs far more than get(), and settings are read at
// activation.

type Reader<T> = (value: unknown, contributedDefault: () => unknown) => T;

export const SETTINGS_SECTION = 'fabricWorkbench';

const text: Reader<string> = (value, fallback) => {
  if (typeof value === 'string' && value.trim()) return value.trim();
  const contributed = fallback();
  return typeof contributed === 'string' ? contributed : '';
};
const optionalText: Reader<string | undefined> = (value) => (typeof value === 'string' && value.trim()) || undefined;
const flag: Reader<boolean> = (value, fallback) => (typeof value === 'boolean' ? value : fallback() === true);
const atLeast =
  (min: number): Reader<number> =>
  (value, fallback) =>
    Math.max(min, typeof value === 'number' && Number.isFinite(value) ? value : Number(fallback()) || 0);
const oneOf =
  <const V extends string>(values: readonly V[]): Reader<V> =>
  (value, fallback) =>
    values.find((v) => v === value) ?? values.find((v) => v === fallback()) ?? values[0];

/** Getter name → the setting's key under `fabricWorkbench.` and how its value reads. */
export const SETTINGS = {
  apiBaseUrl: { key: 'apiBaseUrl', read: text },
  /** Where service principals sign in, without a trailing slash. */
  authorityHost: { key: 'authorityHost', read: (value, fallback) => text(value, fallback).replace(/\/+$/, '') },
  tenantId: { key: 'tenantId', read: optionalText },
  emulatorUrl: { key: 'emulator.url', read: text },
  emulatorConnectOnStartup: { key: 'emulator.connectOnStartup', read: flag },
  notebookFormat: { key: 'notebookFormat', read: oneOf(['ipynb', 'fabricGitSource']) },
  portalUrl: { key: 'portalUrl', read: text },
  confirmDelete: { key: 'confirmDelete', read: flag },
  explorerGroupBy: { key: 'explorer.groupBy', read: oneOf(['folder', 'type']) },
  exportConcurrency: { key: 'export.concurrency', read: atLeast(1) },
  /** How long an item's auto-saves must pause before they are uploaded, in ms. */
  autoSaveUploadDelayMs: { key: 'save.autoSaveUploadDelaySeconds', read: (value, fallback) => atLeast(0)(value, fallback) * 1000 },
  /** Whether a save goes to Fabric at once or is staged until published. */
  saveMode: { key: 'save.mode', read: oneOf(['immediate', 'staged']) },
  /** How long one request may go unanswered, in ms (0: no limit). */
  requestTimeoutMs: { key: 'requestTimeoutSeconds', read: (value, fallback) => atLeast(0)(value, fallback) * 1000 },
  /** Minutes after which a job started here is cancelled (0: never). */
  jobTimeoutMinutes: { key: 'jobs.timeoutMinutes', read: atLeast(0) },
  notifyOnJobSuccess: { key: 'jobs.notifyOnSuccess', read: flag },
  /** Whether the Jobs view lists the runs of pinned items, whoever started them. */
  showPinnedItemRuns: { key: 'jobs.showPinnedItemRuns', read: flag },
} satisfies Record<string, { key: string; read: Reader<unknown> }>;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> = ReturnType<(typeof SETTINGS)[N]['read']>;
