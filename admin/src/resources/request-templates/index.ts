import ContentPasteOutlinedIcon from '@mui/icons-material/ContentPasteOutlined';
import { RequestTemplateCreate } from './request-template-create';
import { RequestTemplateEdit } from './request-template-edit';
import { RequestTemplateList } from './request-template-list';
import { RequestTemplateShow } from './request-template-show';

export default {
  list: RequestTemplateList,
  show: RequestTemplateShow,
  create: RequestTemplateCreate,
  edit: RequestTemplateEdit,
  icon: ContentPasteOutlinedIcon,
  recordRepresentation: 'name',
};
