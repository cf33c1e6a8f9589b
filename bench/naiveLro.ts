// What a client without our LRO schedule does (as `fab` does): poll at the Retry-After the
// service asked for, then read the result.

/** Follows one getDefinition at Retry-After; returns how many status polls it made. */
export async function naiveGetDefinition(baseUrl: string, token: string, workspaceId: string, itemId: string): Promise<number> {
  const headers = { Authorization: `Bearer ${token}` };
  const started = await fetch(`${baseUrl}/workspaces/${workspaceId}/items/${itemId}/getDefinition`, { method: 'POST', headers });
  let location = started.headers.get('location')!;
  let retryAfter = Number(started.headers.get('retry-after') ?? '1');
  for (let polls = 1; ; polls++) {
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const state = await fetch(location, { headers });
    const body = (await state.json()) as { status: string };
    if (body.status === 'Succeeded') {
      await fetch(state.headers.get('location')!, { headers });
      return polls;
    }
    location = state.headers.get('location') ?? location;
    retryAfter = Number(state.headers.get('retry-after') ?? retryAfter);
  }
}
