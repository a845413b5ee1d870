import { Create } from 'react-admin';
import { type PlaybookFormValues, toPlaybookBody } from './playbook-body';
import { PlaybookForm, playbookDefaults } from './playbook-form';

export const PlaybookCreate = () => (
  <Create
    title="New playbook"
    redirect="show"
    record={playbookDefaults}
    transform={(values: PlaybookFormValues) => toPlaybookBody(values)}
  >
    <PlaybookForm />
  </Create>
);
