import { Edit } from 'react-admin';
import { TagForm } from './tag-form';

// Pessimistic: a duplicate name is reported by the API before we leave the page.
export const TagEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <TagForm />
  </Edit>
);
