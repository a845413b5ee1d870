import ManageSearchOutlinedIcon from '@mui/icons-material/ManageSearchOutlined';
import { AuditList } from './audit-list';
import { AuditShow } from './audit-show';

export default {
  list: AuditList,
  show: AuditShow,
  icon: ManageSearchOutlinedIcon,
};
