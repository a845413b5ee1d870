import PeopleOutlineIcon from '@mui/icons-material/PeopleOutline';
import { ClientCreate } from './client-create';
import { ClientEdit } from './client-edit';
import { ClientList } from './client-list';
import { ClientShow } from './client-show';

export default {
  list: ClientList,
  show: ClientShow,
  edit: ClientEdit,
  create: ClientCreate,
  icon: PeopleOutlineIcon,
  recordRepresentation: 'displayName',
};
