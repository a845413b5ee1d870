import DriveFolderUploadOutlinedIcon from '@mui/icons-material/DriveFolderUploadOutlined';
import { FileRequestCreate } from './file-request-create';
import { FileRequestList } from './file-request-list';
import { FileRequestShow } from './file-request-show';

export default {
  list: FileRequestList,
  show: FileRequestShow,
  create: FileRequestCreate,
  icon: DriveFolderUploadOutlinedIcon,
  recordRepresentation: 'subject',
};
