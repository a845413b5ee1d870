import CampaignOutlinedIcon from '@mui/icons-material/CampaignOutlined';
import { ListEmpty } from '../../shared/list-empty';
import { type Theme, useMediaQuery } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  List,
  NumberField,
  Pagination,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
} from 'react-admin';
import type { CampaignView } from '../../types';
import {
  CampaignSegmentField,
  CampaignStatusField,
  CampaignWhenField,
  campaignWhenText,
} from './campaign-chips';
import { campaignStatusChoices, campaignStatuses } from './campaign-choices';

const campaignFilters = [
  <SearchInput
    key="q"
    source="q"
    placeholder="Search name, subject"
    alwaysOn
    sx={{ width: 260 }}
  />,
  <SelectInput
    key="status"
    source="status"
    label="Status"
    choices={campaignStatusChoices}
    alwaysOn
  />,
];

const NewCampaignButton = () => (
  <CreateButton label="New campaign" icon={<CampaignOutlinedIcon />} variant="contained" />
);

const CampaignListEmpty = () => (
  <ListEmpty
    icon={CampaignOutlinedIcon}
    title="No campaigns yet"
    text={
      <>
        Write one email to a segment of your clients; each contact gets their own copy, with an
        unsubscribe link.
      </>
    }
  >
    <NewCampaignButton />
  </ListEmpty>
);

// Counts move while a campaign sends: keep the list fresh until none does.
const refetchWhileSending = (query: { state: { data?: { data?: CampaignView[] } } }) =>
  query.state.data?.data?.some((campaign) => campaign.status === 'sending') ? 5000 : false;

export const CampaignList = () => {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List<CampaignView>
      perPage={25}
      exporter={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={campaignFilters}
      actions={
        <TopToolbar>
          <NewCampaignButton />
        </TopToolbar>
      }
      empty={<CampaignListEmpty />}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
      queryOptions={{ refetchInterval: refetchWhileSending }}
    >
      {isSmall ? (
        <SimpleList<CampaignView>
          primaryText={(campaign) => campaign.name}
          secondaryText={(campaign) =>
            `${campaignStatuses[campaign.status]?.name ?? campaign.status} · ${
              campaign.segmentName ?? 'Deleted segment'
            }`
          }
          tertiaryText={campaignWhenText}
          linkType="show"
        />
      ) : (
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="name" label="Name" />
          <CampaignStatusField source="status" label="Status" />
          <CampaignSegmentField label="Segment" sortable={false} />
          <CampaignWhenField source="startedAt" label="Scheduled / sent" />
          <NumberField source="stats.recipients" label="Recipients" sortable={false} />
          <NumberField source="stats.delivered" label="Delivered" sortable={false} />
          <NumberField source="stats.bounced" label="Bounced" sortable={false} />
          <NumberField source="stats.unsubscribed" label="Unsubscribed" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
};
