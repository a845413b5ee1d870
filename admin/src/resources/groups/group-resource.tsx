import { GroupCreate } from './group-create';
import { GroupEdit } from './group-edit';
import type { GroupKind } from './group-kinds';
import { GroupList } from './group-list';
import { GroupShow } from './group-show';

/** The `<Resource>` props of one kind of group: the same views, given the kind's members. */
export const groupResource = (kind: GroupKind) => ({
  list: GroupList,
  show: <GroupShow kind={kind} />,
  create: <GroupCreate kind={kind} />,
  edit: <GroupEdit kind={kind} />,
  icon: kind.icon,
  recordRepresentation: 'name',
});
