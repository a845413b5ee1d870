import { DeleteButton, Edit, SaveButton, Toolbar, useRecordContext } from 'react-admin';
import type { PlaybookView } from '../../types';
import { type PlaybookFormValues, toPlaybookBody } from './playbook-body';
import { plural } from './playbook-choices';
import { PlaybookForm } from './playbook-form';

/** Deleting a playbook cancels its runs in progress; the runs stay on record. */
const PlaybookEditToolbar = () => {
  const playbook = useRecordContext<PlaybookView>();
  const running = playbook?.runCounts?.running ?? 0;
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      <DeleteButton
        mutationMode="pessimistic"
        confirmTitle={`Delete playbook "${playbook?.name ?? ''}"?`}
        confirmContent={`${
          running ? `Its ${plural(running, 'run')} in progress will be cancelled. ` : ''
        }Past runs stay on record, on the clients' pages.`}
      />
    </Toolbar>
  );
};

// Pessimistic: a duplicate name or unknown reference is reported before we leave the page.
export const PlaybookEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={(values: PlaybookFormValues) => toPlaybookBody(values)}
  >
    <PlaybookForm toolbar={<PlaybookEditToolbar />} />
  </Edit>
);
