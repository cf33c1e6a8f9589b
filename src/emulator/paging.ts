// Fabric's paging: `continuationToken` and `continuationUri` while more records remain, and
// neither on the last page. The token is the offset of the next page.
import { badRequest } from './apiError';
import type { Reply } from './router';

export function pageOf<T>(values: Iterable<T>, query: URLSearchParams, pageSize: number, pageUrl: string): Reply {
  const token = query.get('continuationToken');
  let offset = 0;
  if (token) {
    // Only the digits it issues: Number() would also read '' or ' ' as 0, and '1e3' or '-0'.
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!/^\d{1,15}$/.test(decoded)) throw badRequest('InvalidContinuationToken', 'The continuation token is not valid.');
    offset = Number(decoded);
  }
  // Read up to the page and one past it (is there more?), never the rest: a workspace of a
  // million items answers its pages without copying them.
  const value: T[] = [];
  let index = 0;
  let more = false;
  for (const entry of values) {
    if (index++ < offset) continue;
    if (value.length === pageSize) {
      more = true;
      break;
    }
    value.push(entry);
  }
  if (!more) return { status: 200, body: { value } };
  const continuationToken = Buffer.from(String(offset + pageSize)).toString('base64url');
  const url = new URL(pageUrl);
  url.searchParams.set('continuationToken', continuationToken);
  return { status: 200, body: { value, continuationToken, continuationUri: url.toString() } };
}

/** The page URL with the list's filters, so continuationUri keeps them. */
export function listUrl(base: string, query: URLSearchParams, names: string[]): string {
  const url = new URL(base);
  for (const name of names) {
    const value = query.get(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  return url.toString();
}
