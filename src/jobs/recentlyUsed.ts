// "Recently used first" for the workspace and item pickers: a short most-recent-first list of keys.

export const RECENT_LIMIT = 10;

/** The list with `key` moved (or added) to the front, at most `limit` long. */
export function remember(recent: readonly string[], key: string, limit = RECENT_LIMIT): string[] {
  return [key, ...recent.filter((k) => k !== key)].slice(0, limit);
}

/** The items used recently first (most recent first), then the others in their order. */
export function recentFirst<T>(items: readonly T[], keyOf: (item: T) => string, recent: readonly string[]): T[] {
  const rank = (item: T) => {
    const index = recent.indexOf(keyOf(item));
    return index < 0 ? recent.length : index;
  };
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.order - b.order)
    .map((x) => x.item);
}
