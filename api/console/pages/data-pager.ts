/** A page's place in its list and the links to its neighbours, for the console's tables. */
export interface Pager {
  /** 1-based first row shown; 0 when the list is empty. */
  from: number;
  to: number;
  total: number;
  prev: string | null;
  next: string | null;
}

/** `path?query`, leaving out what is unset, empty or the default offset 0. */
export function pageHref(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (key === 'offset' && value === 0)) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Links to the previous and next pages, keeping the filters in `query`. */
export function pager(
  path: string,
  query: Record<string, string | number | undefined>,
  page: { offset: number; limit: number; total: number; shown: number },
): Pager {
  const { offset, limit, total, shown } = page;
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    total,
    prev:
      offset > 0 ? pageHref(path, { ...query, offset: Math.max(0, offset - limit), limit }) : null,
    next:
      offset + limit < total ? pageHref(path, { ...query, offset: offset + limit, limit }) : null,
  };
}
