import BadgeOutlinedIcon from '@mui/icons-material/BadgeOutlined';
import { StaffCreate } from './staff-create';
import { StaffEdit } from './staff-edit';
import { StaffList } from './staff-list';

export default {
  list: StaffList,
  edit: StaffEdit,
  create: StaffCreate,
  icon: BadgeOutlinedIcon,
  recordRepresentation: (user: { firstName: string; lastName: string }) =>
    `${user.firstName} ${user.lastName}`,
};
