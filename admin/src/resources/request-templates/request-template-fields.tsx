import { type FieldProps, useRecordContext } from 'react-admin';
import type { RequestTemplateView } from '../../types';

/** "14 days", or "No due date" when requests made from it have none. */
export const dueInDaysText = (days: number | null | undefined) =>
  days ? `${days} day${days === 1 ? '' : 's'}` : 'No due date';

export const ItemCountField = (props: Partial<FieldProps<RequestTemplateView>>) => {
  const template = useRecordContext<RequestTemplateView>(props);
  if (!template) return null;
  // No items: the request asks for one file, named like the subject.
  return <>{template.items.length || 1}</>;
};

export const DueInDaysField = (props: Partial<FieldProps<RequestTemplateView>>) => {
  const template = useRecordContext<RequestTemplateView>(props);
  if (!template) return null;
  return <>{dueInDaysText(template.dueInDays)}</>;
};
