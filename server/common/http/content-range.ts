import type { Response } from 'express';

export interface Page<T> {
  items: T[];
  total: number;
}

/** Sets `Content-Range: <resource> start-end/total` as ra-data-simple-rest expects, and returns the rows. */
export function sendPage<T>(
  res: Response,
  resource: string,
  range: { start: number },
  page: Page<T>,
): T[] {
  const end = page.items.length ? range.start + page.items.length - 1 : range.start;
  res.setHeader('Content-Range', `${resource} ${range.start}-${end}/${page.total}`);
  return page.items;
}
