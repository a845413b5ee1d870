import PeopleOutlineIcon from '@mui/icons-material/PeopleOutline';
import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { Box, Stack, Typography } from '@mui/material';
import { CreateButton } from 'react-admin';

/** A firm's first visit: add one client, or bring the whole book in from a spreadsheet. */
export const ClientListEmpty = () => (
  <Box sx={{ textAlign: 'center', mt: 8, mx: 'auto', maxWidth: 460 }}>
    <PeopleOutlineIcon sx={{ fontSize: 72, color: 'text.disabled' }} />
    <Typography variant="h6" component="p" sx={{ mt: 1 }}>
      No clients yet
    </Typography>
    <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
      Add a client by hand, or import your client list from a CSV or Excel file.
    </Typography>
    <Stack direction="row" spacing={2} justifyContent="center">
      <CreateButton resource="imports" label="Import clients" icon={<UploadFileOutlinedIcon />} />
      <CreateButton resource="clients" label="Create a client" variant="contained" />
    </Stack>
  </Box>
);
