/**
 * Links of a sortable, paged table as plain hrefs: the page works without script, and htmx
 * boosts the same links.
 */

export type Query = Record<string, string | number | undefined>;

/** `path?query`, leaving out what is unset or empty. */
export function hrefOf(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface SortHeader {
  key: string;
  label: string;
  href: string;
  /** For `aria-sort` on the sorted column's header; none on the others. */
  ariaSort: 'ascending' | 'descending' | 'none';
  numeric: boolean;
}

/**
 * A header link per sortable column: the sorted one flips its order, the others sort descending
 * first (the newest, the best), and every one goes back to the first page.
 */
export function sortHeaders(
  path: string,
  query: Query & { sort: string; order: 'asc' | 'desc' },
  columns: readonly { key: string; label: string; numeric?: boolean }[],
): SortHeader[] {
  return columns.map(({ key, label, numeric = false }) => {
    const sorted = query.sort === key;
    const order = sorted && query.order === 'desc' ? 'asc' : 'desc';
    return {
      key,
      label,
      numeric,
      href: hrefOf(path, { ...query, sort: key, order, offset: undefined }),
      ariaSort: sorted ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none',
    };
  });
}

/** Previous and next page links; null at either end. */
export function pagerLinks(
  path: string,
  query: Query,
  page: { total: number; offset: number; limit: number },
  offsetKey = 'offset',
): { previous: string | null; next: string | null; from: number; to: number; total: number } {
  const { total, offset, limit } = page;
  return {
    previous:
      offset > 0 ? hrefOf(path, { ...query, [offsetKey]: Math.max(0, offset - limit) }) : null,
    next: offset + limit < total ? hrefOf(path, { ...query, [offsetKey]: offset + limit }) : null,
    from: total === 0 ? 0 : Math.min(offset + 1, total),
    to: Math.min(offset + limit, total),
    total,
  };
}
