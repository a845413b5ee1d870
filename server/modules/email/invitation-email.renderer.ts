import { randomBytes } from 'node:crypto';
import { renderEmail, type RenderedEmail } from './render-email';
import {
  InvitationEmail,
  invitationSubject,
  type InvitationEmailProps,
} from './templates/invitation-email';

type Shared = Omit<InvitationEmailProps, 'greetingName' | 'acceptUrl'>;

const MAX_CACHED = 50;

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * React Email takes ~6 ms a message, too slow for a 10k-contact invite on two cores. So each
 * variant (kind, firm, logo, expiry day) is rendered once with unguessable placeholders for the
 * recipient's name and link, which are then substituted, HTML-escaped in the HTML part.
 */
export class InvitationEmailRenderer {
  private readonly nonce = randomBytes(8).toString('hex');
  private readonly name = `chname${this.nonce}`;
  private readonly url = `https://placeholder.invalid/chlink${this.nonce}`;
  private readonly cache = new Map<string, Promise<RenderedEmail>>();

  async render(props: InvitationEmailProps): Promise<RenderedEmail> {
    const { greetingName, acceptUrl, ...shared } = props;
    const template = await this.template(shared);
    // Replacer functions: a string replacement would expand `$&` and friends in a name.
    const fill = (s: string, esc: (v: string) => string) =>
      s.replaceAll(this.name, () => esc(greetingName)).replaceAll(this.url, () => esc(acceptUrl));
    return {
      subject: template.subject,
      html: fill(template.html, escapeHtml),
      text: fill(template.text, (v) => v),
    };
  }

  private template(shared: Shared): Promise<RenderedEmail> {
    const day = shared.expiresAt.toISOString().slice(0, 10);
    const key = JSON.stringify([
      shared.kind,
      shared.firmName,
      shared.logoUrl,
      day,
      Boolean(shared.requestWaiting),
    ]);
    let cached = this.cache.get(key);
    if (!cached) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      const element = InvitationEmail({ ...shared, greetingName: this.name, acceptUrl: this.url });
      cached = renderEmail(invitationSubject(shared.kind, shared.firmName), element);
      cached.catch(() => this.cache.delete(key));
      this.cache.set(key, cached);
    }
    return cached;
  }
}
