import { readXlsxRows } from '../../../server/modules/imports/file/xlsx-row-reader';
import { firstTabSecondXlsx, fixtureDir } from './import-fixtures';

/**
 * Forces the order that made the first-tab read flaky under CPU load: ExcelJS is still spooling
 * the first sheet of the zip to a temp file when unzipper has already parsed the whole archive
 * and finished, with the later entries (the first tab's sheet among them) still buffered.
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

jest.mock('tmp', () => {
  const actual = jest.requireActual<{ file(...args: unknown[]): void }>('tmp');
  return {
    ...actual,
    file: (...args: unknown[]) => void mockZipParsed.then(() => actual.file(...args)),
  };
});

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
