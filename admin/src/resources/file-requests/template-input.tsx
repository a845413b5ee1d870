import type { ChangeEvent } from 'react';
import { type RaRecord, ReferenceInput, SelectInput, useChoicesContext } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import type { RequestTemplateView } from '../../types';
import { daysFromToday, type FileRequestFormValues } from './file-request-body';

/** Fills the request from the chosen template; everything stays editable afterwards. */
const TemplateSelect = () => {
  const { allChoices } = useChoicesContext<RequestTemplateView>();
  const { setValue } = useFormContext<FileRequestFormValues>();

  // react-admin passes the change event, or the chosen record itself.
  const apply = (eventOrChoice: ChangeEvent<HTMLInputElement> | RaRecord) => {
    const id = 'target' in eventOrChoice ? eventOrChoice.target.value : eventOrChoice.id;
    const template = allChoices?.find((choice) => String(choice.id) === String(id));
    // "None" leaves what was typed as it is.
    if (!template) return;
    const options = { shouldDirty: true, shouldValidate: true };
    setValue('subject', template.subject, options);
    setValue('description', template.description ?? '', options);
    setValue('message', template.message ?? '', options);
    setValue(
      'items',
      template.items.map((item) => ({
        title: item.title,
        description: item.description ?? '',
        updatesFileId: null,
      })),
      options,
    );
    setValue('dueAt', template.dueInDays ? daysFromToday(template.dueInDays) : null, options);
  };

  return (
    <SelectInput
      label="Template"
      optionText="name"
      emptyText="None"
      helperText="Start from a template: fills in the subject, description, message, items and due date"
      onChange={apply}
      sx={{ maxWidth: 480 }}
      fullWidth
    />
  );
};

/** "Start from a template": only the form remembers the choice, the API is sent the fields. */
export const TemplateInput = () => (
  <ReferenceInput
    source="templateId"
    reference="request-templates"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={100}
  >
    <TemplateSelect />
  </ReferenceInput>
);
