// Which local clone holds a workspace's Git folder: a clone whose remote URL names the connection's
// repository (Azure DevOps, GitHub, or the emulator's bare repository on disk), and where an item's
// part is in it: `<clone>/<directoryName>/<Fabric folders>/<Name>.<Type>/<part>`, Fabric's Git layout.
import { gitItemFolderName } from '../fabric/definition';
import type { GitProviderDetails } from '../fabric/types';

/** The repository a remote URL names, lower-cased where the host ignores case: `host/path` without `.git`. */
function repositoryKey(remoteUrl: string): string | undefined {
  const url = remoteUrl.trim();
  // scp-like ssh: `git@host:path` (no scheme; a Windows drive letter is no host).
  const scp = /^(?:[^@/]+@)?([^:/]{2,}):(?!\/\/)(.+)$/.exec(url);
  let host: string;
  let path: string;
  if (scp && !url.includes('://')) [host, path] = [scp[1]!, scp[2]!];
  else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!parsed.host) return undefined;
    [host, path] = [parsed.hostname, parsed.pathname];
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const segments = decoded
    .replace(/\.git\/?$/i, '')
    .split('/')
    .filter(Boolean);
  return [host.toLowerCase(), ...segments].join('/').toLowerCase();
}

/** The keys a connection's repository is reachable by, over https and ssh. */
function connectionKeys(details: GitProviderDetails): string[] {
  const repo = details.repositoryName;
  if (details.gitProviderType === 'AzureDevOps') {
    const { organizationName: org, projectName: project } = details;
    return [
      `dev.azure.com/${org}/${project}/_git/${repo}`,
      `${org}.visualstudio.com/${project}/_git/${repo}`,
      `${org}.visualstudio.com/defaultcollection/${project}/_git/${repo}`,
      `ssh.dev.azure.com/v3/${org}/${project}/${repo}`,
      `vs-ssh.visualstudio.com/v3/${org}/${project}/${repo}`,
    ].map((k) => k.toLowerCase());
  }
  if (details.gitProviderType === 'GitHub') {
    const host = details.customDomainName || 'github.com';
    return [`${host}/${details.ownerName}/${repo}`.toLowerCase()];
  }
  return [];
}

/** A local repository path or its `file:` URL, normalized to compare (forward slashes, no trailing slash); undefined for any other URL. */
function localPath(remote: string): string | undefined {
  let path = remote.trim();
  if (/^file:/i.test(path)) {
    try {
      path = decodeURIComponent(new URL(path).pathname).replace(/^\/([a-zA-Z]:)/, '$1');
    } catch {
      return undefined;
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || (!path.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(path))) return undefined;
  return path.replace(/\\/g, '/').replace(/\/+$/, '');
}

/**
 * Whether a clone's remote URL is the connection's repository: one of its provider's URL forms
 * (https with or without `user@`, ssh, trailing `.git`), or, for the emulator, the path of its
 * repository on disk (or that path's `file:` URL).
 */
export function remoteMatches(remoteUrl: string, details: GitProviderDetails | null | undefined, localRepository?: string): boolean {
  if (localRepository) {
    const path = localPath(remoteUrl);
    if (path !== undefined && path === localPath(localRepository)) return true;
  }
  if (!details) return false;
  const key = repositoryKey(remoteUrl);
  return key !== undefined && connectionKeys(details).includes(key);
}

/**
 * The path of an item's part inside a clone: the connection's directory (`/`, `''` or `fabric/items/`),
 * the item's Fabric folders, then its directory as Git names it (characters no directory can hold as
 * HTML numbers, which its path under fabricwb: does not have).
 */
export function clonePartPath(directoryName: string, folders: readonly string[], item: { displayName: string; type: string }, partPath: string): string {
  return [directoryName, ...folders, gitItemFolderName(item.displayName, item.type), partPath]
    .flatMap((s) => s.split('/'))
    .filter(Boolean)
    .join('/');
}

/** The https URL to clone the connection's repository from. */
export function cloneUrl(details: GitProviderDetails): string {
  const segment = encodeURIComponent;
  return details.gitProviderType === 'AzureDevOps'
    ? `https://dev.azure.com/${segment(details.organizationName)}/${segment(details.projectName)}/_git/${segment(details.repositoryName)}`
    : `https://${details.customDomainName || 'github.com'}/${segment(details.ownerName)}/${segment(details.repositoryName)}.git`;
}
