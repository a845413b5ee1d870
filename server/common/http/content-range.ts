import type { Response } from 'express';

export interface Page<T> {
  items: T[];
  total: number;
  /** The total is an estimate: sent as `X-Total-Estimated: true`, shown as "about N". */
  estimated?: boolean;
}

/**
 * Sets `Content-Range: <resource> start-end/total` as ra-data-simple-rest expects (plus
 * `X-Total-Estimated` for an estimated total), and returns the rows.
 */
export function sendPage<T>(
  res: Response,
  resource: string,
  range: { start: number },
  page: Page<T>,
): T[] {
  const end = page.items.length ? range.start + page.items.length - 1 : range.start;
  res.setHeader('Content-Range', `${resource} ${range.start}-${end}/${page.total}`);
  if (page.estimated) res.setHeader('X-Total-Estimated', 'true');
  return page.items;
}
