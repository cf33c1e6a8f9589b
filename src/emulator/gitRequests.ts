// Checks on what Git integration requests carry (platform swagger, gitIntegration.json and the
// Git provider details of common/definitions.json). Everything here is untrusted: names reach
// the repository only as refs and paths checked below, and never choose where it lives on disk.
import type { GitCredentials, GitItemIdentifier, GitProviderDetails } from '../fabric/types';
import { badRequest } from './apiError';
import { isRelativePath } from './relativePath';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(value: unknown, name: string, maxLength: number, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && !value.trim())) throw badRequest('InvalidInput', `gitProviderDetails.${name} is required.`);
  if (value.length > maxLength) throw badRequest('InvalidInput', `gitProviderDetails.${name} must be at most ${maxLength} characters.`);
  return value;
}

/** The provider details of a Connect request, with only the fields its provider type has. */
export function providerDetails(value: unknown): GitProviderDetails {
  if (!isObject(value)) throw badRequest('InvalidInput', 'gitProviderDetails is required.');
  const common = {
    repositoryName: text(value.repositoryName, 'repositoryName', 128),
    branchName: branchName(text(value.branchName, 'branchName', 250)),
    directoryName: text(value.directoryName ?? '', 'directoryName', 256, true),
  };
  folderOfDirectory(common.directoryName);
  if (value.gitProviderType === 'AzureDevOps') {
    return {
      gitProviderType: 'AzureDevOps',
      organizationName: text(value.organizationName, 'organizationName', 100),
      projectName: text(value.projectName, 'projectName', 100),
      ...common,
    };
  }
  if (value.gitProviderType === 'GitHub') {
    const custom = value.customDomainName === undefined || value.customDomainName === null ? undefined : text(value.customDomainName, 'customDomainName', 100);
    return { gitProviderType: 'GitHub', ownerName: text(value.ownerName, 'ownerName', 100), ...(custom ? { customDomainName: custom } : {}), ...common };
  }
  throw badRequest('InvalidInput', `gitProviderDetails.gitProviderType must be 'AzureDevOps' or 'GitHub', not '${String(value.gitProviderType)}'.`);
}

/**
 * A branch name the repository can hold: git's structural rules (git check-ref-format: no `..`,
 * no segment starting with `.`, …). Characters git refuses but the service takes (the specs'
 * examples connect to "Test Branch") are escaped in the ref instead: branchRef.
 */
function branchName(name: string): string {
  const invalid =
    // eslint-disable-next-line no-control-regex -- control characters are what git refuses
    /[\x00-\x1f\x7f]/.test(name) ||
    /^[-/]|[/.]$|\.lock$|\.\.|\/\/|@\{/.test(name) ||
    name === '@' ||
    name.split('/').some((segment) => segment.startsWith('.') || segment.endsWith('.lock'));
  if (invalid) throw badRequest('InvalidInput', `'${name}' is not a valid Git branch name.`);
  return name;
}

/** The branch's ref name in the repository: what git refuses in a ref (space ~^:?*[\\) percent-escaped, with `%` itself. */
export function branchRef(name: string): string {
  return name.replace(/[ ~^:?*[\\%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The connected folder as a repository path: '' for the root, else segments without `.`, `..` or `.git`. */
export function folderOfDirectory(directoryName: string): string {
  const trimmed = directoryName.replace(/^\/+|\/+$/g, '');
  if (!trimmed) return '';
  return relativePath(trimmed, 'gitProviderDetails.directoryName');
}

/** A path relative to the connected folder, from a request: forward slashes, no empty, `.`, `..` or `.git` segment. */
export function relativePath(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value || value.length > 1024)
    throw badRequest('InvalidInput', `${name} must be a relative path of at most 1024 characters.`);
  if (!isRelativePath(value))
    throw badRequest('InvalidInput', `${name} '${value}' must be a relative path with / between names, without '.', '..', '.git' or backslashes.`);
  return value;
}

/** The credentials of a Connect or Update My Git Credentials request; GitHub takes only a configured connection. */
export function gitCredentials(value: unknown, provider: GitProviderDetails['gitProviderType']): GitCredentials {
  if (!isObject(value)) throw badRequest('InvalidInput', "Git credentials need a source: 'Automatic', 'ConfiguredConnection' or 'None'.");
  if (value.source === 'ConfiguredConnection') {
    if (typeof value.connectionId !== 'string' || !GUID.test(value.connectionId))
      throw badRequest('InvalidInput', 'A ConfiguredConnection source needs the connectionId of a Git connection (a GUID).');
    return { source: 'ConfiguredConnection', connectionId: value.connectionId };
  }
  if (value.source === 'Automatic') {
    if (provider === 'GitHub') throw badRequest('InvalidInput', 'Automatic Git credentials are not available for GitHub: use a ConfiguredConnection.');
    return { source: 'Automatic' };
  }
  if (value.source === 'None') return { source: 'None' };
  throw badRequest('InvalidInput', `'${String(value.source)}' is not a Git credentials source: use 'Automatic', 'ConfiguredConnection' or 'None'.`);
}

/** An optional hash in a request: a string or null/absent. */
export function optionalHash(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest('InvalidInput', `${name} must be a commit hash.`);
  return value;
}

/** The `items` of a Selective commit. */
export function itemIdentifiers(value: unknown): GitItemIdentifier[] {
  if (!Array.isArray(value) || value.length === 0)
    throw badRequest('InvalidInput', 'The Selective mode needs items: [{ "objectId": "…" } or { "logicalId": "…" }, …].');
  return value.map((entry: unknown) => {
    const { objectId, logicalId } = isObject(entry) ? entry : {};
    if (typeof objectId !== 'string' && typeof logicalId !== 'string') throw badRequest('InvalidInput', 'Each item needs its objectId or logicalId.');
    return { ...(typeof objectId === 'string' ? { objectId } : {}), ...(typeof logicalId === 'string' ? { logicalId } : {}) };
  });
}
