import { open, type Entry } from 'yauzl';

/** More parts than any Office document has: the listing stops there. */
const MAX_ENTRIES = 20_000;

/**
 * The part names a zip's central directory lists (what Office and unzip tools go by, whatever
 * the local headers at the start claim), or undefined if the zip cannot be read.
 */
export function zipEntryNames(path: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return resolve(undefined);
      if (zip.entryCount > MAX_ENTRIES) {
        zip.close();
        return resolve(undefined);
      }
      const names: string[] = [];
      zip.on('entry', (entry: Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', () => resolve(undefined));
      zip.readEntry();
    });
  });
}
