import { InvitationEmailRenderer } from '../../server/modules/email/invitation-email.renderer';

const base = {
  kind: 'invitation' as const,
  firmName: 'Hopper & Partners',
  logoUrl: null,
  acceptUrl: 'https://hub.example.com/portal/accept?token=abc_DEF-123',
  expiresAt: new Date('2026-12-05T12:00:00Z'),
};

describe('invitation email renderer', () => {
  const renderer = new InvitationEmailRenderer();

  it('puts the recipient and their own link into both parts', async () => {
    const ada = await renderer.render({ ...base, greetingName: 'Ada' });
    expect(ada.subject).toBe('Hopper & Partners invites you to your secure client portal');
    expect(ada.html).toContain('Hello <!-- -->Ada');
    expect(ada.html).toContain(`href="${base.acceptUrl}"`);
    expect(ada.html).toContain('Hopper &amp; Partners');
    expect(ada.text).toContain('Hello Ada,');
    expect(ada.text).toContain(base.acceptUrl);
    expect(ada.text).toContain('December 5, 2026');

    const other = { ...base, acceptUrl: `${base.acceptUrl}X` };
    const grace = await renderer.render({ ...other, greetingName: 'Grace' });
    expect(grace.html).toContain(`href="${other.acceptUrl}"`);
    expect(grace.html).not.toContain('Ada');
  });

  it('escapes markup and leaves $ patterns in a name alone', async () => {
    const name = `<img src=x onerror=alert(1)> Jo$' $& $\``;
    const email = await renderer.render({ ...base, greetingName: name });
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; Jo$&#39; $&amp; $`');
    expect(email.text).toContain(`Hello ${name},`);
    expect(email.html).not.toMatch(/chname|placeholder\.invalid/);
  });

  it('words reminders and re-sends as such', async () => {
    const reminder = await renderer.render({ ...base, kind: 'reminder', greetingName: 'Ada' });
    expect(reminder.subject).toBe(
      'Reminder: Hopper & Partners is waiting for you in your client portal',
    );
    const resend = await renderer.render({ ...base, kind: 'resend', greetingName: 'Ada' });
    expect(resend.text).toContain('sent you a new link');
  });
});
