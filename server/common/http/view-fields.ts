import { z } from 'zod';

/** Fields the API's views share, as their JSON reads. */

/** A timestamp as the API writes it: ISO 8601 in UTC (`isoDate`, or a Date's JSON). */
export const timestampField = z.iso.datetime();

/** A record named for the reader: who created something, what uses it. */
export const namedRefSchema = z.object({ id: z.uuid(), name: z.string() });

/** A workflow behind a record: its id and Temporal Web UI link. */
export const workflowRefSchema = z.object({ id: z.string(), url: z.string() });
