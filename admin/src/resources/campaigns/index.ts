import CampaignOutlinedIcon from '@mui/icons-material/CampaignOutlined';
import { CampaignCreate } from './campaign-create';
import { CampaignEdit } from './campaign-edit';
import { CampaignList } from './campaign-list';
import { CampaignShow } from './campaign-show';

export default {
  list: CampaignList,
  show: CampaignShow,
  edit: CampaignEdit,
  create: CampaignCreate,
  icon: CampaignOutlinedIcon,
  recordRepresentation: 'name',
};
