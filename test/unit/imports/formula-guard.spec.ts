import { neutraliseCell, restoreCell } from '@server/common/csv/formula-guard';

describe('formula guard', () => {
  it.each(['=1+1', '+1 555 0100', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])(
    'prefixes %j with an apostrophe, and restoreCell takes it off again',
    (cell) => {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
      expect(restoreCell(neutraliseCell(cell))).toBe(cell);
    },
  );

  it.each(['', 'Ann', ' =x', "'quoted", 'a=b', '1-2'])('leaves %j alone', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
    expect(restoreCell(cell)).toBe(cell);
  });
});
