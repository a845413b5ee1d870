import type { Response } from 'express';

/** Headers of a file download; `name` is ours (ids and fixed words), never user input. */
export const attachment = (res: Response, type: string, name: string) =>
  res
    .setHeader('Content-Type', type)
    .setHeader('Content-Disposition', `attachment; filename="${name}"`);
