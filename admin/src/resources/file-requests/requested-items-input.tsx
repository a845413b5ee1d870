import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Button, IconButton, Tooltip } from '@mui/material';
import {
  ArrayInput,
  maxLength,
  required,
  SelectInput,
  SimpleFormIterator,
  SimpleFormIteratorClasses,
  TextInput,
  useSimpleFormIterator,
  useSimpleFormIteratorItem,
} from 'react-admin';
import type { ClientFile } from '../../types';

const AddItemButton = () => {
  const { add } = useSimpleFormIterator();
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={() => add()}>
      Add item
    </Button>
  );
};

const RemoveItemButton = () => {
  const { remove, index } = useSimpleFormIteratorItem();
  const label = `Remove item ${index + 1}`;
  return (
    <Tooltip title={label}>
      <IconButton aria-label={label} size="small" color="warning" onClick={() => remove()}>
        <RemoveIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
};

// Each input names its item's number, so each can be told apart by its label. They take a
// `source` of their own: the iterator builds a new item's empty values from its children's sources.
const useItemNumber = () => useSimpleFormIteratorItem().index + 1;

const ItemTitleInput = ({ source }: { source: 'title' }) => (
  <TextInput
    source={source}
    label={`Item ${useItemNumber()} title`}
    validate={[required(), maxLength(200)]}
    sx={{ minWidth: 220 }}
  />
);

const ItemDescriptionInput = ({ source }: { source: 'description' }) => (
  <TextInput
    source={source}
    label={`Item ${useItemNumber()} description`}
    validate={maxLength(2000)}
    sx={{ minWidth: 260 }}
  />
);

/** Asks for a new version of one of the client's files rather than a new file. */
const ItemUpdatesFileInput = ({
  source,
  files,
}: {
  source: 'updatesFileId';
  files: ClientFile[];
}) => (
  <SelectInput
    source={source}
    label={`Item ${useItemNumber()} updates file`}
    choices={files}
    optionText="name"
    emptyText="No, a new file"
    helperText="The upload becomes its next version once you accept it"
    sx={{ minWidth: 220 }}
  />
);

/**
 * The documents asked for, each reviewed on its own; none means one, named like the subject.
 * Without the client's files (request templates), items cannot ask for a file's next version.
 */
export const RequestedItemsInput = ({ files = [] }: { files?: ClientFile[] }) => (
  <ArrayInput
    source="items"
    label="Requested items"
    helperText="Leave empty to ask for a single file named like the subject"
  >
    <SimpleFormIterator
      inline
      disableReordering
      disableClear
      getItemLabel={(index) => `Item ${index + 1}`}
      // react-admin shows the remove button on hover only: keep it there for keyboards and tests.
      sx={{ [`& .${SimpleFormIteratorClasses.action}`]: { visibility: 'visible' } }}
      addButton={<AddItemButton />}
      removeButton={<RemoveItemButton />}
    >
      <ItemTitleInput source="title" />
      <ItemDescriptionInput source="description" />
      {files.length > 0 && <ItemUpdatesFileInput source="updatesFileId" files={files} />}
    </SimpleFormIterator>
  </ArrayInput>
);
