import { tightestSpanMs } from '../../scripts/lib/resend-stand-in';
import { eventually, seedContacts, useAppSendingTo } from '../utils/invitations';

const PER_SECOND = 2;
const BATCH = 5;
/** Well over the time between two requests at the limit (500 ms). */
const ANSWER_MS = 900;

/**
 * Against a provider that takes longer to answer than the time between two requests at its
 * limit, two workers overlap the round trips: requests are spaced by when they start, not by the
 * previous answer, and the limit still holds.
 */
describe('email pace with slow answers, two workers', () => {
  const fixture = useAppSendingTo({
    perSecond: PER_SECOND,
    batch: BATCH,
    answerDelayMs: ANSWER_MS,
    workers: 2,
  });

  it('overlaps the round trips and keeps the limit', async () => {
    const { t, resend } = fixture;
    const admin = await t.signIn();
    const contacts = await seedContacts(t, 'paced', 80);
    await admin
      .post('/api/invitations')
      .send({ contactIds: contacts, senderEmail: 'invitations@clienthub.test' })
      .expect(202);
    await eventually('every email at Resend', async () => resend.emails.length >= 80, 60_000);

    const requests = resend.requests.filter((r) => r.status === 200 && r.emails > 0);
    expect(requests).toHaveLength(80 / BATCH);
    expect(resend.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(tightestSpanMs(resend.requests, PER_SECOND)).toBeGreaterThanOrEqual(1000);
    // Spaced from the previous answer, no request would start before the one ahead of it was
    // answered; overlapped, requests start while the one ahead still waits for its answer.
    const at = requests.map((r) => r.at).sort((a, b) => a - b);
    const overlapping = at.slice(1).filter((start, i) => start - at[i] < ANSWER_MS);
    expect(overlapping.length).toBeGreaterThanOrEqual(3);
  });
});
