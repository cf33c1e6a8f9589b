// The Fabric REST client and the definition codec: everything the other layers import.
export * from './types';
export { FabricError, describeError, errorStatus, isFabricError, NO_RESPONSE, type FabricErrorInit } from './errors';
export {
  AzureCredentialTokenProvider,
  CachingTokenProvider,
  FABRIC_DEFAULT_SCOPE,
  FunctionTokenProvider,
  fabricScope,
  hostHasManagedIdentity,
  StaticTokenProvider,
  jwtExpiry,
  type AccessToken,
  type CachingTokenProviderOptions,
  type TokenProvider,
} from './auth';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type FabricLogger, type RetryWait } from './http';
export {
  DEFAULT_RETRY_OPTIONS,
  backoffDelayMs,
  outcomeUnknown,
  retryDelayMs,
  type Outcome,
  type OutcomeCheck,
  type RetryMode,
  type RetryOptions,
} from './retry';
export { RateLimiter, apiFamilyOf, sharedRateLimiter, type ApiFamily, type RateLimiterOptions } from './rateLimiter';
export { iteratePages, normalizePage } from './paging';
export {
  budgetedJobDelaysMs,
  DEFAULT_JOB_POLL,
  DEFAULT_LRO_POLL,
  jobFirstCheckMs,
  jobPollWish,
  jobWantedDelayMs,
  lroPollDelayMs,
  type JobPollOptions,
  type JobPollWish,
  type LroPollOptions,
} from './pollSchedules';
export { LroPollBudget, type LroPollBudgetOptions } from './lroPollBudget';
export { maskSecrets } from './redaction';
export { delay } from './delay';
export {
  BULK_MOVE_LIMIT,
  FabricClient,
  type CallOptions,
  type FolderScope,
  type FabricClientOptions,
  type LroCallOptions,
  type UpdateDefinitionCallOptions,
} from './client';
export * from './definition';
export * from './itemKinds';
