import LocalOfferOutlinedIcon from '@mui/icons-material/LocalOfferOutlined';
import { TagCreate } from './tag-create';
import { TagEdit } from './tag-edit';
import { TagList } from './tag-list';

export default {
  list: TagList,
  edit: TagEdit,
  create: TagCreate,
  icon: LocalOfferOutlinedIcon,
  recordRepresentation: 'name',
};
