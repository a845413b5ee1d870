import { FIELD_MAX_LENGTH, type TextField } from '@server/modules/imports/file/field-rules';
import { validateImportRow } from '@server/modules/imports/file/row-validator';
import { createClientSchema } from '@server/modules/clients/clients.schemas';
import { createTagSchema } from '@server/modules/tags/tags.schemas';

const person = { firstName: 'Ann', lastName: 'Lee' };
const commentOf = (values: Parameters<typeof validateImportRow>[0]) => {
  const result = validateImportRow(values);
  if (result.ok) throw new Error('expected a failed row');
  return result.comment;
};

describe('validateImportRow', () => {
  it('normalises a valid row: trimmed, empty as null, email lower-cased, tags split', () => {
    expect(
      validateImportRow({
        firstName: '  Ann ',
        lastName: 'Lee',
        email: ' Ann.Lee@Example.COM ',
        phone: "'+1 555 0100",
        companyName: '   ',
        street: '',
        postalCode: '02134',
        tags: ' VIP;2024 returns,, vip ; 2024 Returns,Key',
        isOffline: '',
      }),
    ).toEqual({
      ok: true,
      row: {
        firstName: 'Ann',
        lastName: 'Lee',
        companyName: null,
        email: 'ann.lee@example.com',
        phone: '+1 555 0100',
        street: null,
        city: null,
        state: null,
        postalCode: '02134',
        taxClientId: null,
        tags: ['VIP', '2024 returns', 'Key'],
        isOffline: false,
      },
    });
  });

  it('accepts a business with only a Company', () => {
    expect(validateImportRow({ companyName: 'Acme LLC' })).toMatchObject({ ok: true });
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['No', false],
    ['n', false],
    ['false', false],
    ['0', false],
    [' ', false],
  ])('reads Is Offline %j as %s', (isOffline, expected) => {
    const result = validateImportRow({ ...person, taxClientId: 'T-1', isOffline });
    expect(result).toMatchObject({ ok: true, row: { isOffline: expected } });
  });

  it.each([
    [{ firstName: 'Ann' }, 'First Name and Last Name are required (or Company for a business).'],
    [{ ...person, email: 'bob@@x' }, 'Email "bob@@x" is not a valid email address.'],
    [{ ...person, postalCode: '1'.repeat(21) }, 'Postal Code is longer than 20 characters.'],
    [{ ...person, isOffline: 'maybe' }, 'Is Offline must be Yes or No, not "maybe".'],
    [{ ...person, isOffline: 'Yes' }, 'Tax Client ID is required when Is Offline is Yes.'],
    [
      { ...person, tags: `ok; a very long tag ${'x'.repeat(60)}` },
      'Tag "a very long tag xxxx…" is longer than 64 characters.',
    ],
    [
      { ...person, tags: Array.from({ length: 101 }, (_, i) => `t${i}`).join(';') },
      'Tags lists 101 tags; a client can have at most 100.',
    ],
  ])('fails %j: %s', (values, comment) => {
    expect(commentOf(values)).toBe(comment);
  });

  it('says every problem of a row, one sentence each', () => {
    expect(commentOf({ lastName: 'Lee', email: 'nope', isOffline: 'si' })).toBe(
      'First Name and Last Name are required (or Company for a business). Email "nope" is not a valid email address. Is Offline must be Yes or No, not "si".',
    );
  });

  it('uses the same limits as the clients and tags API', () => {
    const valueOf = (field: TextField, length: number) =>
      field === 'email' ? `${'a'.repeat(length - 12)}@example.com` : 'a'.repeat(length);
    for (const [field, max] of Object.entries(FIELD_MAX_LENGTH) as [TextField, number][]) {
      for (const length of [max, max + 1]) {
        const values = { ...person, [field]: valueOf(field, length) };
        const api = createClientSchema.safeParse(values).success;
        expect([field, length, validateImportRow(values).ok]).toEqual([field, length, api]);
      }
    }
    for (const length of [64, 65]) {
      const tag = 't'.repeat(length);
      const api = createTagSchema.safeParse({ name: tag, color: '#000000' }).success;
      expect(validateImportRow({ ...person, tags: tag }).ok).toBe(api);
    }
  });

  it("fails the template's example client however its other cells were edited", () => {
    const example = { firstName: ' jane', lastName: 'DOE', email: 'Jane.Doe@Example.com ' };
    expect(commentOf({ ...example, city: 'Boston', taxClientId: '12345678' })).toMatch(
      /^This is the template's example row \(Jane Doe, jane\.doe@example\.com\)/,
    );
    expect(validateImportRow({ ...example, email: 'jane@firm.test' })).toMatchObject({ ok: true });
    expect(validateImportRow({ ...example, firstName: 'Janet' })).toMatchObject({ ok: true });
  });
});
