import {
  compileMarkdownEmail,
  type CompiledEmail,
  type MergeValues,
} from '../../email/markdown-email.renderer';
import type { FirmSettings } from '../../settings/settings.view';

/** What a recipient's merge fields are made of. */
export interface MergeSource {
  email: string;
  first_name: string | null;
  last_name: string | null;
  client_name: string | null;
}

/** Merge values for previews when the segment reaches nobody (or none was chosen yet). */
export const SAMPLE_RECIPIENT: MergeSource = {
  email: 'alex.sample@example.com',
  first_name: 'Alex',
  last_name: 'Sample',
  client_name: 'Sample Client LLC',
};

/** The campaign's message in the firm's frame, compiled once and filled per recipient. */
export const compileCampaign = (
  content: { subject: string; body: string },
  settings: Pick<FirmSettings, 'firmName' | 'logoUrl'>,
): Promise<CompiledEmail> =>
  compileMarkdownEmail({
    subject: content.subject,
    markdown: content.body,
    firmName: settings.firmName,
    logoUrl: settings.logoUrl,
    withUnsubscribe: true,
  });

/** A greeting never reads "Dear ,": without a first name it falls back to the email. */
export function mergeValues(r: MergeSource, firmName: string): MergeValues {
  const first = r.first_name?.trim() ?? '';
  const last = r.last_name?.trim() ?? '';
  return {
    firstName: first || r.email,
    lastName: last,
    fullName: [first, last].filter(Boolean).join(' ') || r.email,
    email: r.email,
    clientName: r.client_name ?? '',
    firmName,
  };
}

/** The unsubscribe page (link in the body) and the RFC 8058 one-click endpoint (header). */
export const unsubscribeUrls = (publicUrl: string, token: string) => ({
  page: `${publicUrl}/portal/unsubscribe/${token}`,
  oneClick: `${publicUrl}/api/unsubscribe/${token}`,
});

export const listUnsubscribeHeaders = (oneClickUrl: string): Record<string, string> => ({
  'List-Unsubscribe': `<${oneClickUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
