import { Create } from 'react-admin';
import { GroupForm } from './group-form';
import type { GroupKind } from './group-kinds';

export const GroupCreate = ({ kind }: { kind: GroupKind }) => (
  <Create redirect="list">
    <GroupForm kind={kind} defaultValues={{ memberIds: [] }} />
  </Create>
);
