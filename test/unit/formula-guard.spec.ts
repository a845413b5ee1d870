import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, restoreCell } from '../../server/common/csv/formula-guard';
import { safeCsvStringifier } from '../../server/common/csv/safe-csv-stringifier';

const PAYLOAD = "Acme Tax\n=cmd|' /C calc'!A0";

describe('formula guard', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1 555 0100', "'+1 555 0100"],
    ['\r=1', "'\r'=1"],
    [PAYLOAD, "Acme Tax\n'=cmd|' /C calc'!A0"],
    ['a\r@SUM(A1)', "a\r'@SUM(A1)"],
    ['a\r\n-1\n\n+2\n\tx', "a\r\n'-1\n\n'+2\n'\tx"],
    ['plain\nlines', 'plain\nlines'],
    ['', ''],
  ])('neutralises %j at its start and after every line break', (value, safe) => {
    expect(neutraliseCell(value)).toBe(safe);
    expect(neutraliseCell(safe)).toBe(safe);
    expect(restoreCell(safe)).toBe(value);
  });

  it('writes CSV whose every line break stays quoted inside its cell', async () => {
    const rows = [
      ['Name', 'Note'],
      [PAYLOAD, 'a\rb'],
      ['=HYPERLINK("http://x")', 'c\r\n+d'],
      ['Row', 7],
    ];
    const csv = await text(Readable.from(rows).pipe(safeCsvStringifier()));
    expect(parse(csv.replace(/^\uFEFF/, ''))).toEqual([
      ['Name', 'Note'],
      ["Acme Tax\n'=cmd|' /C calc'!A0", 'a\rb'],
      ['\'=HYPERLINK("http://x")', "c\r\n'+d"],
      ['Row', '7'],
    ]);
    // A reader that splits at every break still finds no line that starts a formula.
    expect(csv.split(/\r\n|\r|\n/).filter((line) => /^[=+\-@\t]/.test(line))).toEqual([]);
  });
});
