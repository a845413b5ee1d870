import { matchHeaders } from '@server/modules/imports/file/header-matcher';
import { ImportFileError } from '@server/modules/imports/file/import-file.error';
import { IMPORT_COLUMNS } from '@server/modules/imports/import-columns';

const errorOf = (headers: string[]) => {
  try {
    matchHeaders(headers);
  } catch (e) {
    return e as ImportFileError;
  }
  throw new Error('expected MISSING_COLUMNS');
};

describe('matchHeaders', () => {
  it('maps the template headers in order', () => {
    const { mapping, unknownColumns } = matchHeaders(IMPORT_COLUMNS.map((c) => c.header));
    expect(mapping).toEqual(Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.field, i])));
    expect(unknownColumns).toEqual([]);
  });

  it('ignores case, spacing, underscores, hyphens and dots, and knows the aliases', () => {
    const { mapping } = matchHeaders([
      '  FIRST_NAME ',
      'surname',
      'E-Mail Address',
      'mobile',
      'Business Name',
      'address.line.1',
      'Town',
      'province',
      'ZIP code',
      'TaxID',
      'tag',
      'offline',
    ]);
    expect(mapping).toEqual(Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.field, i])));
  });

  it('takes Tax ID and Tax Client ID as the same column: the first wins', () => {
    expect(matchHeaders(['First Name', 'Last Name', 'Tax ID', 'Tax Client ID'])).toEqual({
      mapping: { firstName: 0, lastName: 1, taxClientId: 2 },
      unknownColumns: ['Tax Client ID'],
    });
  });

  it('finds Tags in any column and reports unknown headers without failing', () => {
    expect(matchHeaders(['Tags', 'Notes', 'First Name', '', 'Last Name', 'Birthday'])).toEqual({
      mapping: { tags: 0, firstName: 2, lastName: 4 },
      unknownColumns: ['Notes', 'Birthday'],
    });
  });

  it('accepts a business list with Company and no names', () => {
    expect(matchHeaders(['Company', 'Email']).mapping).toEqual({ companyName: 0, email: 1 });
  });

  it('names the missing name columns', () => {
    expect(errorOf(['First Name', 'Email']).message).toBe(
      'Missing required columns: Last Name (or Company for a business list). Download the template to see the expected headers.',
    );
    expect(errorOf([]).message).toMatch(/^Missing required columns: First Name, Last Name /);
  });

  it("ignores the columns of the import's own reports quietly, by their place", () => {
    const file = ['First Name', 'Last Name', 'Notes'];
    expect(matchHeaders(['Row', ...file, 'Comment'])).toEqual({
      mapping: { firstName: 1, lastName: 2 },
      unknownColumns: ['Notes'],
    });
    expect(
      matchHeaders(['Row', ...file, 'Outcome', 'Comment', 'Client', 'Client Hub ID', '']),
    ).toMatchObject({ unknownColumns: ['Notes'] });
    // Elsewhere they are the firm's own columns, and listed.
    expect(matchHeaders(['Comment', ...file, 'Row']).unknownColumns).toEqual([
      'Comment',
      'Notes',
      'Row',
    ]);
    expect(matchHeaders(['Row', ...file]).unknownColumns).toEqual(['Row', 'Notes']);
    expect(matchHeaders([...file, 'Comment']).unknownColumns).toEqual(['Notes', 'Comment']);
  });
});
