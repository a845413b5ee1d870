import { randomBytes } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import { MERGE_FIELDS, MERGE_FIELD_PATTERN, type MergeValues } from './merge-fields';
import { renderEmail, type RenderedEmail } from './render-email';
import { MarkdownEmail } from './templates/markdown-email';

export {
  MERGE_FIELDS,
  unknownMergeFields,
  type MergeField,
  type MergeValues,
} from './merge-fields';

// Raw HTML in the source is shown as text, never rendered; links only to http(s) and mailto.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultValidate = markdown.validateLink.bind(markdown);
markdown.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim()) && defaultValidate(url);

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface CompiledEmail {
  /** One recipient's email: values HTML-escaped in the HTML part, kept as text elsewhere. */
  fill(values: MergeValues, unsubscribeUrl: string | null): RenderedEmail;
}

/**
 * Staff-written Markdown with `{{mergeFields}}`, rendered once per message (React Email takes
 * milliseconds) with unguessable placeholders, then filled per recipient by substitution.
 */
export async function compileMarkdownEmail(input: {
  subject: string;
  markdown: string;
  firmName: string;
  logoUrl: string | null;
  withUnsubscribe: boolean;
}): Promise<CompiledEmail> {
  const nonce = randomBytes(8).toString('hex');
  const token = (field: string) => `chmf${nonce}${field}x`;
  const unsubscribeToken = `https://placeholder.invalid/chunsub${nonce}`;
  const withTokens = (s: string) =>
    s.replace(MERGE_FIELD_PATTERN, (whole, field: string) =>
      (MERGE_FIELDS as readonly string[]).includes(field) ? token(field) : whole,
    );
  const source = withTokens(input.markdown);
  const firstLine = source.split('\n').find((l) => l.trim()) ?? '';
  const template = await renderEmail(
    withTokens(input.subject),
    MarkdownEmail({
      firmName: input.firmName,
      logoUrl: input.logoUrl,
      preview: firstLine.replace(/[#*_`>[\]()]/g, '').slice(0, 140),
      bodyHtml: markdown.render(source),
      unsubscribeUrl: input.withUnsubscribe ? unsubscribeToken : null,
    }),
  );
  const text = input.withUnsubscribe
    ? `${source}\n\n--\nUnsubscribe from these updates: ${unsubscribeToken}\n`
    : `${source}\n`;

  return {
    fill(values, unsubscribeUrl) {
      // Replacer functions: a replacement string would expand `$&` and friends in a value.
      const fill = (s: string, esc: (v: string) => string) => {
        let out = s;
        for (const field of MERGE_FIELDS)
          out = out.replaceAll(token(field), () => esc(values[field]));
        return out.replaceAll(unsubscribeToken, () => esc(unsubscribeUrl ?? ''));
      };
      return {
        subject: fill(template.subject, (v) => v)
          .replace(/[\r\n]+/g, ' ')
          .trim(),
        html: fill(template.html, escapeHtml),
        text: fill(text, (v) => v),
      };
    },
  };
}
