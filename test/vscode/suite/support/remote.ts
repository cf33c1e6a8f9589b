// What the emulator holds, read through its REST API: how the suites check the effects of a command.
import type { FabricClient } from '../../../../src/fabric';
import type { Folder } from '../../../../src/fabric/types';

/** The workspace's folders, every level. */
export async function remoteFolders(client: FabricClient, workspaceId: string): Promise<Folder[]> {
  const found: Folder[] = [];
  for await (const f of client.listFolders(workspaceId)) found.push(f);
  return found;
}

export async function remoteFolder(client: FabricClient, workspaceId: string, displayName: string): Promise<Folder | undefined> {
  return (await remoteFolders(client, workspaceId)).find((f) => f.displayName === displayName);
}
