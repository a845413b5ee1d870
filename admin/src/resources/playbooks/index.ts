import AccountTreeOutlinedIcon from '@mui/icons-material/AccountTreeOutlined';
import { PlaybookCreate } from './playbook-create';
import { PlaybookEdit } from './playbook-edit';
import { PlaybookList } from './playbook-list';
import { PlaybookShow } from './playbook-show';

export default {
  list: PlaybookList,
  show: PlaybookShow,
  create: PlaybookCreate,
  edit: PlaybookEdit,
  icon: AccountTreeOutlinedIcon,
  recordRepresentation: 'name',
};
