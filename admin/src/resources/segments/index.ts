import FilterAltOutlinedIcon from '@mui/icons-material/FilterAltOutlined';
import { SegmentCreate } from './segment-create';
import { SegmentEdit } from './segment-edit';
import { SegmentList } from './segment-list';

// No show page: only Staff Admins see segments, and they may edit them.
export default {
  list: SegmentList,
  edit: SegmentEdit,
  create: SegmentCreate,
  icon: FilterAltOutlinedIcon,
  recordRepresentation: 'name',
};
