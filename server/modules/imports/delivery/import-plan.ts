import { displayNameOf } from '../../clients/client.view';
import { FIELD_LABEL } from '../file/field-rules';
import type { ImportMode } from '../import-columns';

/** The client fields an import row can set. */
export const CLIENT_FIELDS = [
  'firstName',
  'lastName',
  'companyName',
  'email',
  'phone',
  'street',
  'city',
  'state',
  'postalCode',
  'taxClientId',
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];
export type ClientFields = Record<ClientField, string | null>;

export interface StagedRow {
  seq: number;
  rowNumber: number;
  data: ClientFields & { tags: string[]; isOffline: boolean };
}

export interface ExistingClient extends ClientFields {
  id: string;
  type: 'standard' | 'offline';
  connectionStatus: string;
  /** Lower-cased names of the tags it carries. */
  tagNames: string[];
}

export type RowPlan =
  | { seq: number; outcome: 'failed'; comment: string }
  | {
      seq: number;
      outcome: 'created';
      fields: ClientFields;
      type: 'standard' | 'offline';
      tags: string[];
      comment: string;
    }
  | {
      seq: number;
      outcome: 'updated';
      clientId: string;
      fields: ClientFields;
      previous: ClientFields;
      addTags: string[];
      comment: string;
    }
  | { seq: number; outcome: 'unchanged'; clientId: string; comment: string };

export interface Lookup {
  standardByTaxId: Map<string, ExistingClient>;
  standardByEmail: Map<string, ExistingClient[]>;
  offlineByTaxId: Map<string, ExistingClient>;
}

/**
 * Decides what each row of a chunk does, matching standard clients by Tax Client ID, then by
 * email (only where the Tax Client IDs cannot disagree), and offline rows by Tax Client ID
 * (TaxCaddy rules). Pure: the caller loads `lookup` and writes the plan.
 */
export function planChunk(rows: StagedRow[], lookup: Lookup, mode: ImportMode): RowPlan[] {
  const claimed = new Map<string, number>();
  return rows.map((row) => {
    const match = row.data.isOffline ? matchOffline(row, lookup) : matchStandard(row, lookup);
    if ('failure' in match) return { seq: row.seq, outcome: 'failed', comment: match.failure };
    const existing = match.client;
    if (existing) {
      const first = claimed.get(existing.id);
      if (first !== undefined) {
        return {
          seq: row.seq,
          outcome: 'failed',
          comment: `Matches the same client as row ${first}.`,
        };
      }
      claimed.set(existing.id, row.rowNumber);
    }
    return decide(row, existing, mode);
  });
}

function matchStandard(
  row: StagedRow,
  lookup: Lookup,
): { client?: ExistingClient } | { failure: string } {
  const { taxClientId, email } = row.data;
  const byTax = taxClientId ? lookup.standardByTaxId.get(taxClientId) : undefined;
  if (byTax) return { client: byTax };
  const byEmail = (email ? (lookup.standardByEmail.get(email) ?? []) : []).filter(
    (c) => !c.taxClientId || !taxClientId,
  );
  if (byEmail.length > 1) {
    return {
      failure: `Email ${email} belongs to ${byEmail.length} clients; add the Tax Client ID to say which.`,
    };
  }
  return { client: byEmail[0] };
}

function matchOffline(
  row: StagedRow,
  lookup: Lookup,
): { client?: ExistingClient } | { failure: string } {
  const { taxClientId } = row.data;
  if (!taxClientId) return { failure: 'An offline client needs a Tax Client ID.' };
  if (lookup.standardByTaxId.get(taxClientId)?.connectionStatus === 'connected') {
    return { failure: 'A connected client already exists with this Tax Client ID.' };
  }
  return { client: lookup.offlineByTaxId.get(taxClientId) };
}

function decide(row: StagedRow, existing: ExistingClient | undefined, mode: ImportMode): RowPlan {
  const kind = row.data.isOffline ? 'An offline client' : 'A client';
  if (!existing) {
    if (mode === 'update') {
      return {
        seq: row.seq,
        outcome: 'failed',
        comment: 'No existing client has this Tax Client ID or email (mode: update only).',
      };
    }
    const fields = pickFields(row.data);
    return {
      seq: row.seq,
      outcome: 'created',
      type: row.data.isOffline ? 'offline' : 'standard',
      fields,
      tags: row.data.tags,
      comment: `Created ${displayNameOf(fields)}.`,
    };
  }
  if (mode === 'create') {
    return {
      seq: row.seq,
      outcome: 'failed',
      comment: `${kind} with this Tax Client ID or email already exists (mode: create only).`,
    };
  }
  const previous = pickFields(existing);
  const fields = { ...previous };
  const changed: string[] = [];
  for (const field of CLIENT_FIELDS) {
    // An empty cell keeps the current value: imports fill in, they do not erase.
    const value = row.data[field];
    if (value !== null && value !== previous[field]) {
      fields[field] = value;
      changed.push(FIELD_LABEL[field]);
    }
  }
  const have = new Set(existing.tagNames);
  const addTags = row.data.tags.filter((t) => !have.has(t.toLowerCase()));
  if (addTags.length) changed.push(`Tags (+${addTags.join(', ')})`);
  if (!changed.length)
    return {
      seq: row.seq,
      outcome: 'unchanged',
      clientId: existing.id,
      comment: 'Already up to date.',
    };
  return {
    seq: row.seq,
    outcome: 'updated',
    clientId: existing.id,
    fields,
    previous,
    addTags,
    comment: `Updated ${changed.join(', ')}.`,
  };
}

const pickFields = (source: ClientFields): ClientFields =>
  Object.fromEntries(CLIENT_FIELDS.map((f) => [f, source[f] ?? null])) as ClientFields;
