import OutboxOutlinedIcon from '@mui/icons-material/OutboxOutlined';
import { OutboxList } from './outbox-list';
import { OutboxShow } from './outbox-show';

export default {
  list: OutboxList,
  show: OutboxShow,
  icon: OutboxOutlinedIcon,
  recordRepresentation: 'subject',
};
