import {
  Datagrid,
  EditButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextField,
  WithRecord,
} from 'react-admin';
import type { PlaybookView } from '../../types';
import { triggerTypeChoices } from './playbook-choices';
import { PlaybookEnabledToggle } from './playbook-enabled-toggle';
import { TriggerText } from './playbook-summaries';

const playbookFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="triggerType"
    source="triggerType"
    label="Trigger"
    choices={triggerTypeChoices}
  />,
  <NullableBooleanInput key="enabled" source="enabled" label="Enabled" />,
];

export const PlaybookList = () => (
  <List
    exporter={false}
    sort={{ field: 'name', order: 'ASC' }}
    perPage={25}
    filters={playbookFilters}
  >
    {/* The API sorts playbooks by name, enabled and dates only. */}
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" label="Name" />
      <PlaybookEnabledToggle source="enabled" label="Enabled" />
      <WithRecord<PlaybookView>
        label="Trigger"
        render={(playbook) => <TriggerText trigger={playbook.trigger} />}
      />
      <WithRecord<PlaybookView> label="Steps" render={(playbook) => playbook.steps.length} />
      <WithRecord<PlaybookView>
        label="Runs in progress"
        render={(playbook) => playbook.runCounts.running}
      />
      <EditButton />
    </Datagrid>
  </List>
);
