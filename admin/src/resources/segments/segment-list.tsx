import FilterAltOutlinedIcon from '@mui/icons-material/FilterAltOutlined';
import { ListEmpty } from '../../shared/list-empty';
import {
  CreateButton,
  Datagrid,
  List,
  NumberField,
  SearchInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { FirmDateField } from '../../shared/firm-time';
import type { Segment } from '../../types';
import { SegmentFilterField } from './segment-filter-field';

const segmentFilters = [<SearchInput key="q" source="q" placeholder="Search name" alwaysOn />];

const NewSegmentButton = () => <CreateButton label="New segment" variant="contained" />;

const SegmentListEmpty = () => (
  <ListEmpty
    icon={FilterAltOutlinedIcon}
    title="No segments yet"
    text={
      <>
        A segment is a saved client filter (tags, type, portal status…) that campaigns go to. Make
        one here, or filter the clients list and save the filter as a segment.
      </>
    }
  >
    <NewSegmentButton />
  </ListEmpty>
);

export const SegmentList = () => (
  <List<Segment>
    exporter={false}
    sort={{ field: 'name', order: 'ASC' }}
    perPage={25}
    filters={segmentFilters}
    actions={
      <TopToolbar>
        <NewSegmentButton />
      </TopToolbar>
    }
    empty={<SegmentListEmpty />}
  >
    {/* The API sorts segments by name and dates only; counts are computed live. */}
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" label="Name" />
      <SegmentFilterField label="Rule" sortable={false} />
      <NumberField source="clientCount" label="Clients now" sortable={false} />
      <FirmDateField source="updatedAt" label="Updated" />
    </Datagrid>
  </List>
);
