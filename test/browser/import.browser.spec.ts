/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { fillSignIn, useConsole } from '../utils/browser';
import { csvOf, person } from '../utils/imports';
import type { TestApp } from '../utils/test-app';

/** Import a small file with some bad rows from the console, watch it finish, get the report. */
describe('console: client import in a browser', () => {
  const session = useConsole({ worker: true });
  let t: TestApp;
  let page: Page;
  beforeAll(() => {
    ({ t, page } = session);
  });

  it('uploads a file, shows live counts and the per-row failures', async () => {
    await page.goto(`${t.url}/admin/#/imports`);
    await fillSignIn(page);
    await page.getByRole('link', { name: 'New import' }).first().click();

    const file = csvOf([
      person(1, { Tags: 'VIP' }),
      person(2),
      person(3),
      { 'First Name': 'Nameless' },
      person(4, { Email: 'broken@@example' }),
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'firm-clients.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByText('3 created').waitFor({ timeout: 30_000 });
    await page.getByText('2 failed').waitFor();
    await page.getByText('Completed').first().waitFor();
    expect(
      await page.getByRole('link', { name: 'View workflow in Temporal' }).getAttribute('href'),
    ).toMatch(/\/namespaces\/default\/workflows\/client-import-/);

    await page.getByRole('switch', { name: 'Failures only' }).check();
    await page
      .getByRole('cell', { name: 'person4@example.com' })
      .or(page.getByRole('cell', { name: 'broken@@example' }))
      .first()
      .waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
  });

  it('downloads the exception report with a comment per rejected row', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download exception report (Excel)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0];
    const rows = [2, 3].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[r.length - 1]])).toEqual([
      [5, expect.stringMatching(/First Name and Last Name are required/)],
      [6, expect.stringMatching(/not a valid email/)],
    ]);
  });

  it('imports a dry run for real from its page, without uploading the file again', async () => {
    await page.goto(`${t.url}/admin/#/imports/create`);
    await page.locator('input[type=file]').setInputFiles({
      name: 'checked-first.csv',
      mimeType: 'text/csv',
      buffer: csvOf([person(60), person(61), { 'First Name': 'Nameless' }]),
    });
    await page.getByRole('checkbox', { name: /Dry run/ }).check();
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByText('2 would create').waitFor({ timeout: 30_000 });
    await page.getByText('Completed').first().waitFor();
    await page.getByRole('cell', { name: 'person60@example.com' }).waitFor();
    expect(await page.getByText('Would create', { exact: true }).count()).toBe(2);
    const dryRunUrl = page.url();
    expect(
      await t.query(`select count(*)::int as n from client where tax_client_id = 'TX-000060'`),
    ).toEqual([{ n: 0 }]);

    await page.getByRole('button', { name: 'Import for real' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/found 2 clients to create and 0 clients to update; 1 row failed/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Import for real' }).click();

    await page.waitForURL((url) => url.href !== dryRunUrl);
    await page.getByText('2 created').waitFor({ timeout: 30_000 });
    await page.getByText('Completed').first().waitFor();
    expect(await page.getByText('Dry run', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Created', { exact: true }).count()).toBe(2);
    const [real] = await t.query(
      `select id, dry_run, mode from import_job where file_id = (select file_id from import_job where real_import_id is not null)
       and real_import_id is null`,
    );
    expect(page.url()).toContain(real.id as string);
    expect(real).toMatchObject({ dry_run: false, mode: 'upsert' });
    expect(
      await t.query(
        `select count(*)::int as n from client where tax_client_id in ('TX-000060', 'TX-000061')`,
      ),
    ).toEqual([{ n: 2 }]);

    // The dry run now leads to its real import instead of offering it again.
    await page.goto(dryRunUrl);
    await page.getByRole('link', { name: 'Open the real import' }).click();
    await page.waitForURL((url) => url.href.includes(real.id as string));
  });
});
