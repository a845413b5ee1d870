import { stream } from 'exceljs';
import { readXlsxRows } from '@server/modules/imports/file/xlsx-row-reader';
import { firstTabSecondXlsx, fixtureDir } from './import-fixtures';

/**
 * Forces the order that made the first-tab read flaky under CPU load: the reader is still busy
 * with the first sheet of the zip when unzipper has already parsed the whole archive and
 * finished, with the later entries (the first tab's sheet among them) still buffered.
 */
let mockZipParsed: Promise<void> = Promise.resolve();

jest.mock('unzipper', () => {
  const actual = jest.requireActual<{ Parse(options?: object): NodeJS.EventEmitter }>('unzipper');
  return {
    ...actual,
    Parse: (options?: object) => {
      const zip = actual.Parse(options);
      mockZipParsed = new Promise((resolve) => zip.once('finish', () => resolve()));
      return zip;
    },
  };
});

// ExcelJS's internal hook that hands out each sheet's reader: each one starts reading late.
type SheetEvent = { value: { read(): Promise<void> } };
const readers = stream.xlsx.WorkbookReader.prototype as unknown as {
  _parseWorksheet(...args: unknown[]): Generator<SheetEvent>;
};
const parseWorksheet = readers._parseWorksheet;
readers._parseWorksheet = function* (...args: unknown[]) {
  for (const event of parseWorksheet.apply(this, args)) {
    const read = event.value.read.bind(event.value);
    event.value.read = async () => {
      await mockZipParsed;
      return read();
    };
    yield event;
  }
};

const files = fixtureDir();

it('reads the first tab when the zip is parsed to its end before its sheets are read', async () => {
  const path = await files.write('tabs.xlsx', firstTabSecondXlsx());
  const rows = [];
  for await (const row of readXlsxRows(path)) rows.push(row);
  expect(rows).toEqual([
    { rowNumber: 1, cells: ['Company'] },
    { rowNumber: 2, cells: ['Acme'] },
    { rowNumber: 3, cells: ['Initech'] },
  ]);
});
