import { DeleteButton, Edit, SaveButton, Toolbar, useRecordContext } from 'react-admin';
import type { RequestTemplateView } from '../../types';
import { RequestTemplateForm } from './request-template-form';

/** A template a playbook uses cannot go (the API answers 409): the button waits until it is free. */
const RequestTemplateEditToolbar = () => {
  const template = useRecordContext<RequestTemplateView>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <DeleteButton
        mutationMode="pessimistic"
        disabled={!!template?.usedBy?.length}
        confirmTitle={`Delete template "${template?.name ?? ''}"?`}
        confirmContent="File requests already made from it are not changed."
      />
    </Toolbar>
  );
};

// Pessimistic: a duplicate name is reported by the API before we leave the page.
export const RequestTemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <RequestTemplateForm toolbar={<RequestTemplateEditToolbar />} />
  </Edit>
);
