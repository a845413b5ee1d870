import { DeleteButton, Edit, SaveButton, Toolbar } from 'react-admin';
import { segmentBody } from './segment-body';
import { SegmentForm } from './segment-form';

/** Campaigns already sent keep their recipients; drafts lose their audience, so it says so. */
const SegmentEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmContent="Campaigns already sent keep their recipients; drafts that use this segment will need another one. No client is deleted."
    />
  </Toolbar>
);

// Pessimistic: a duplicate name is reported by the API before we leave the page.
export const SegmentEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={segmentBody}>
    <SegmentForm toolbar={<SegmentEditToolbar />} />
  </Edit>
);
