import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { ImportCreate } from './import-create';
import { ImportList } from './import-list';
import { ImportShow } from './import-show';

export default {
  list: ImportList,
  show: ImportShow,
  create: ImportCreate,
  icon: UploadFileOutlinedIcon,
  recordRepresentation: 'fileName',
};
