// Fabric's list calls answer one page at a time, with `continuationToken` and/or
// `continuationUri` while more remain. Pages are normalised so `continuationToken` is always set
// when there is a next page (read out of `continuationUri` when only that came), and the next page
// is asked for at the same endpoint with the same filters plus that token. So "Load more" in the
// tree and the async iterators walk the same way, and the bearer token never leaves the base URL.
import { FabricError } from './errors';
import type { Page } from './types';

/** The page with `continuationToken` filled from `continuationUri` when only the URI came. */
export function normalizePage<T>(page: Partial<Page<T>> | undefined): Page<T> {
  const value = Array.isArray(page?.value) ? page.value : [];
  const continuationToken = page?.continuationToken || tokenFromUri(page?.continuationUri);
  return {
    value,
    ...(continuationToken ? { continuationToken } : {}),
    ...(page?.continuationUri ? { continuationUri: page.continuationUri } : {}),
  };
}

function tokenFromUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri, 'https://fabric.invalid').searchParams.get('continuationToken') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Every entry of every page, in order, from the first page to the one without a continuation. */
export async function* iteratePages<T>(fetchPage: (continuationToken: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    yield* page.value;
    token = page.continuationToken;
    if (token !== undefined && seen.has(token)) {
      // A server handing out a token twice would make this loop forever and repeat entries.
      throw new FabricError({ status: 0, errorCode: 'PagingLoop', message: 'Fabric returned the same continuation token twice.' });
    }
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
}
