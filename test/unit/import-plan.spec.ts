import {
  CLIENT_FIELDS,
  planChunk,
  type ClientFields,
  type ExistingClient,
  type Lookup,
  type StagedRow,
} from '../../server/modules/imports/delivery/import-plan';

const ADA: ClientFields = {
  ...(Object.fromEntries(CLIENT_FIELDS.map((f) => [f, null])) as ClientFields),
  firstName: 'Ada',
  lastName: 'Lovelace',
};

const row = (seq: number, data: Partial<StagedRow['data']>): StagedRow => ({
  seq,
  rowNumber: seq + 1,
  data: { ...ADA, tags: [], isOffline: false, ...data },
});

const client = (id: string, fields: Partial<ExistingClient>): ExistingClient => ({
  ...ADA,
  id,
  type: 'standard',
  connectionStatus: 'not_connected',
  tagNames: [],
  ...fields,
});

function lookupOf(...clients: ExistingClient[]): Lookup {
  const lookup: Lookup = {
    standardByTaxId: new Map(),
    standardByEmail: new Map(),
    offlineByTaxId: new Map(),
  };
  for (const c of clients) {
    if (c.type === 'offline') lookup.offlineByTaxId.set(c.taxClientId!, c);
    else {
      if (c.taxClientId) lookup.standardByTaxId.set(c.taxClientId, c);
      if (c.email)
        lookup.standardByEmail.set(c.email, [...(lookup.standardByEmail.get(c.email) ?? []), c]);
    }
  }
  return lookup;
}

describe('planChunk', () => {
  it('creates unknown clients and updates known ones by tax id, then by email', () => {
    const known = lookupOf(
      client('a', { taxClientId: 'T1', city: 'Austin' }),
      client('b', { email: 'b@x.test', taxClientId: null }),
    );
    const plans = planChunk(
      [
        row(1, { taxClientId: 'T1', city: 'Boston', tags: ['VIP'] }),
        row(2, { email: 'b@x.test', taxClientId: 'T2' }),
        row(3, { taxClientId: 'T3' }),
      ],
      known,
      'upsert',
    );
    expect(plans).toEqual([
      expect.objectContaining({
        outcome: 'updated',
        clientId: 'a',
        comment: 'Updated City, Tags (+VIP).',
        addTags: ['VIP'],
      }),
      expect.objectContaining({
        outcome: 'updated',
        clientId: 'b',
        comment: 'Updated Tax Client ID.',
      }),
      expect.objectContaining({
        outcome: 'created',
        type: 'standard',
        comment: 'Created Ada Lovelace.',
      }),
    ]);
  });

  it('never matches by email across different tax ids (two clients sharing an email)', () => {
    const plans = planChunk(
      [row(1, { email: 'home@x.test', taxClientId: 'T9' })],
      lookupOf(client('a', { email: 'home@x.test', taxClientId: 'T1' })),
      'upsert',
    );
    expect(plans[0].outcome).toBe('created');
    const ambiguous = planChunk(
      [row(1, { email: 'home@x.test' })],
      lookupOf(
        client('a', { email: 'home@x.test', taxClientId: 'T1' }),
        client('b', { email: 'home@x.test', taxClientId: 'T2' }),
      ),
      'upsert',
    );
    expect(ambiguous[0]).toMatchObject({
      outcome: 'failed',
      comment: expect.stringMatching(/belongs to 2 clients/),
    });
  });

  it('keeps values for empty cells and reports unchanged rows', () => {
    const plans = planChunk(
      [row(1, { taxClientId: 'T1', city: null })],
      lookupOf(client('a', { taxClientId: 'T1', city: 'Austin' })),
      'upsert',
    );
    expect(plans[0]).toEqual({
      seq: 1,
      outcome: 'unchanged',
      clientId: 'a',
      comment: 'Already up to date.',
    });
  });

  it('applies the create-only and update-only modes', () => {
    const known = lookupOf(client('a', { taxClientId: 'T1' }));
    expect(planChunk([row(1, { taxClientId: 'T1' })], known, 'create')[0]).toMatchObject({
      outcome: 'failed',
      comment: expect.stringMatching(/create only/),
    });
    expect(planChunk([row(1, { taxClientId: 'T2' })], known, 'update')[0]).toMatchObject({
      outcome: 'failed',
      comment: expect.stringMatching(/update only/),
    });
  });

  it('applies the offline rules', () => {
    const known = lookupOf(
      client('connected', { taxClientId: 'T1', connectionStatus: 'connected' }),
      client('open', { taxClientId: 'T2' }),
      client('twin', { taxClientId: 'T3', type: 'offline', connectionStatus: 'offline' }),
    );
    const plans = planChunk(
      [
        row(1, { taxClientId: 'T1', isOffline: true }),
        row(2, { taxClientId: 'T2', isOffline: true }),
        row(3, { taxClientId: 'T3', isOffline: true }),
        row(4, { isOffline: true }),
      ],
      known,
      'upsert',
    );
    expect(plans.map((p) => [p.outcome, p.outcome === 'failed' ? p.comment : ''])).toEqual([
      ['failed', 'A connected client already exists with this Tax Client ID.'],
      ['created', ''],
      ['unchanged', ''],
      ['failed', 'An offline client needs a Tax Client ID.'],
    ]);
    expect(plans[1]).toMatchObject({ type: 'offline' });
  });

  it('fails a second row that resolves to the same client', () => {
    const known = lookupOf(client('a', { taxClientId: 'T1', email: 'a@x.test' }));
    const plans = planChunk(
      [row(1, { taxClientId: 'T1' }), row(2, { email: 'a@x.test' })],
      known,
      'upsert',
    );
    expect(plans[1]).toMatchObject({
      outcome: 'failed',
      comment: 'Matches the same client as row 2.',
    });
  });
});
