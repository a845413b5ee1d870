import { Create } from 'react-admin';
import { TagForm } from './tag-form';
import { defaultTagColor } from './tag-palette';

export const TagCreate = () => (
  <Create redirect="list">
    <TagForm defaultValues={{ color: defaultTagColor }} />
  </Create>
);
