import PeopleOutlineIcon from '@mui/icons-material/PeopleOutline';
import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { Stack } from '@mui/material';
import { CreateButton } from 'react-admin';
import { ListEmpty } from '../../shared/list-empty';

/** A firm's first visit: add one client, or bring the whole book in from a spreadsheet. */
export const ClientListEmpty = () => (
  <ListEmpty
    icon={PeopleOutlineIcon}
    title="No clients yet"
    text="Add a client by hand, or import your client list from a CSV or Excel file."
  >
    <Stack direction="row" spacing={2} justifyContent="center">
      <CreateButton resource="imports" label="Import clients" icon={<UploadFileOutlinedIcon />} />
      <CreateButton resource="clients" label="Create a client" variant="contained" />
    </Stack>
  </ListEmpty>
);
