/// <reference lib="dom" />
import { Client } from 'pg';
import { seedClients } from '../../scripts/lib/seed-clients';
import { fillSignIn, useConsole } from '../utils/browser';
import { seedDashboardFixture } from '../utils/dashboard-fixture';
import { TEST_DATA_DIR } from '../utils/test-env';
import type { TestApp } from '../utils/test-app';

/**
 * Staff land on the dashboard, not an empty list: the onboarding funnel as bars, the day's
 * reminders, file requests and work in progress, each number opening the list it counts.
 */
describe('console: the dashboard in a browser', () => {
  const session = useConsole();
  let t: TestApp;
  let counts: {
    funnel: Record<string, number>;
    remindersDueToday: number;
    fileRequests: { open: number; overdue: number };
  };

  beforeAll(async () => {
    t = session.t;
    const admin = await t.signIn();
    const pg = new Client({ connectionString: t.config.DATABASE_URL });
    await pg.connect();
    await seedClients(pg, 1500).finally(() => pg.end());
    await seedDashboardFixture(t, admin);
    counts = (await admin.get('/api/dashboard').expect(200)).body;
  }, 60_000);

  it('is the home page after signing in, with every count', async () => {
    const { page } = session;
    await page.goto(`${t.url}/admin/`);
    await fillSignIn(page);
    await page.getByRole('heading', { name: 'Onboarding funnel' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    const f = counts.funnel;
    for (const [label, value] of [
      ['Clients', f.clients],
      ['With email', f.withEmail],
      ['Invited', f.invited],
      ['Accepted', f.accepted],
      ['Bounced', f.bounced],
      ['Expired', f.expired],
      ['Invitations awaiting a reminder today', counts.remindersDueToday],
      ['Open', counts.fileRequests.open],
      ['Overdue', counts.fileRequests.overdue],
      ['Campaigns in progress', 1],
      ['Imports in progress', 0],
    ] as const) {
      await page
        .getByRole('link', { name: `${label}: ${value.toLocaleString()}`, exact: true })
        .waitFor();
    }
    // The bars are drawn to scale: accepted against all clients.
    const width = (key: string) =>
      page.getByTestId(`funnel-bar-${key}`).evaluate((el) => el.getBoundingClientRect().width);
    const ratio = (await width('accepted')) / (await width('clients'));
    expect(ratio).toBeCloseTo(f.accepted / f.clients, 2);
    await page.screenshot({ path: `${TEST_DATA_DIR}/dashboard.png` });
  });

  it.each([
    ['Invited', 'clients', () => counts.funnel.invited],
    ['Invitations awaiting a reminder today', 'clients', () => counts.remindersDueToday],
    ['Overdue', 'file-requests', () => counts.fileRequests.overdue],
  ])('opens the list behind "%s" with as many rows', async (label, resource, expected) => {
    const { page } = session;
    await page.goto(`${t.url}/admin/#/`);
    await page.getByRole('link', { name: new RegExp(`^${label}: `) }).click();
    await page.waitForURL(new RegExp(`#/${resource}\\?`));
    const n = expected();
    // react-admin shows "1-25 of 1,234" under a list (or nothing but rows when they fit).
    await page.waitForFunction(
      ({ rows, total }) => {
        const shown = document.querySelectorAll('tbody tr').length;
        const text = document.querySelector('.MuiTablePagination-displayedRows')?.textContent ?? '';
        return shown === Math.min(rows, 25) && (rows <= 25 || text.includes(total));
      },
      { rows: n, total: n.toLocaleString('en-US') },
      { timeout: 10_000 },
    );
  });
});
