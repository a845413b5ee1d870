import ContactMailOutlinedIcon from '@mui/icons-material/ContactMailOutlined';
import { ContactCreate } from './contact-create';
import { ContactEdit } from './contact-edit';
import { ContactList } from './contact-list';
import { ContactShow } from './contact-show';

export default {
  list: ContactList,
  show: ContactShow,
  edit: ContactEdit,
  create: ContactCreate,
  icon: ContactMailOutlinedIcon,
  recordRepresentation: 'displayName',
};
