import type { FileRequestCreateBody } from '../../types';

/** What the create form holds; optional fields come back empty (`''` or null) when left blank. */
export interface FileRequestFormValues {
  clientId?: string;
  /** The request template it started from; not sent (the template only fills the fields). */
  templateId?: string | null;
  recipientIds?: string[];
  subject?: string;
  description?: string | null;
  message?: string | null;
  dueAt?: string | null;
  items?: { title?: string; description?: string | null; updatesFileId?: string | null }[];
  attachmentFileIds?: string[];
}

const text = (value: string | null | undefined) => value?.trim() || undefined;

/** The form's values as `POST /api/file-requests` takes them: blanks left out, no extra keys. */
export const toCreateBody = (values: FileRequestFormValues): FileRequestCreateBody => ({
  clientId: values.clientId ?? '',
  recipientIds: values.recipientIds ?? [],
  subject: values.subject?.trim() ?? '',
  description: text(values.description),
  message: text(values.message),
  dueAt: text(values.dueAt),
  items: values.items?.length
    ? values.items.map((item) => ({
        title: item.title?.trim() ?? '',
        description: text(item.description),
        updatesFileId: item.updatesFileId || undefined,
      }))
    : undefined,
  attachmentFileIds: values.attachmentFileIds?.length ? values.attachmentFileIds : undefined,
});

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

const today = () => localDay(new Date());

/** The day `days` after today ("2026-12-01"), as the due date input takes it. */
export const daysFromToday = (days: number) => {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return localDay(date);
};

/** A due day is due at its end, so today is still fine; earlier days are not. */
export const notInThePast = (value: string | null | undefined) =>
  value && value < today() ? 'The due date cannot be in the past' : undefined;

export const atLeastOneRecipient = (ids: string[] | undefined) =>
  ids?.length ? undefined : 'Choose at least one recipient';
