import {
  compileMarkdownEmail,
  unknownMergeFields,
  type MergeValues,
} from '../../server/modules/email/markdown-email.renderer';

const values = (over: Partial<MergeValues> = {}): MergeValues => ({
  firstName: 'Ann',
  lastName: 'Lee',
  fullName: 'Ann Lee',
  email: 'ann@example.com',
  clientName: 'Lee Family',
  firmName: 'Lovelace & Co',
  ...over,
});

describe('Markdown emails with merge fields', () => {
  it('renders Markdown once and fills each recipient in, escaped in the HTML part', async () => {
    const email = await compileMarkdownEmail({
      subject: 'Hello {{firstName}}, news from {{ firmName }}',
      markdown: '# Tax season\n\nDear **{{firstName}}**, see [our site](https://firm.example).',
      firmName: 'Lovelace & Co',
      logoUrl: null,
      withUnsubscribe: true,
    });
    const out = email.fill(values({ firstName: '<b>Ann</b> $& co' }), 'https://x.test/u/abc');
    expect(out.subject).toBe('Hello <b>Ann</b> $& co, news from Lovelace & Co');
    expect(out.html).toContain('<h1>Tax season</h1>');
    expect(out.html).toContain('<strong>&lt;b&gt;Ann&lt;/b&gt; $&amp; co</strong>');
    expect(out.html).toContain('href="https://firm.example"');
    expect(out.html).toContain('href="https://x.test/u/abc"');
    expect(out.text).toContain('Dear **<b>Ann</b> $& co**');
    expect(out.text).toContain('Unsubscribe from these updates: https://x.test/u/abc');
    expect(out.html).not.toMatch(/chmf|placeholder\.invalid/);
  });

  it('never lets the source inject markup, scripts or javascript: links', async () => {
    const email = await compileMarkdownEmail({
      subject: 'Line\r\nBcc: evil@example.com {{firstName}}',
      markdown:
        '<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>',
      firmName: 'F',
      logoUrl: null,
      withUnsubscribe: false,
    });
    const out = email.fill(values(), null);
    expect(out.subject).toBe('Line Bcc: evil@example.com Ann');
    expect(out.html).not.toContain('<script>');
    expect(out.html).not.toContain('<img src=x');
    expect(out.html).not.toContain('href="javascript:');
    expect(out.html).toContain('&lt;script&gt;');
    expect(out.text).not.toContain('Unsubscribe');
  });

  it('names merge fields that do not exist', () => {
    expect(
      unknownMergeFields('Hi {{firstName}} {{ nickname }}', '{{Balance}} {{nickname}}'),
    ).toEqual(['nickname', 'Balance']);
  });
});
