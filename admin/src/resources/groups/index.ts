import { contactGroupKind, staffGroupKind } from './group-kinds';
import { groupResource } from './group-resource';

export const staffGroups = groupResource(staffGroupKind);
export const contactGroups = groupResource(contactGroupKind);
