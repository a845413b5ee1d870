import {
  AutocompleteInput,
  ReferenceInput,
  required,
  useCanAccess,
  type Validator,
} from 'react-admin';
import { useCreateTag } from '../tags/use-create-tag';

interface ReferenceSelectProps {
  source: string;
  label: string;
  helperText?: string;
  /** Left empty: no tag (a yearly trigger's "only clients tagged"). */
  optional?: boolean;
}

const requiredChoice = (message: string): Validator[] => [required(message)];

/** One tag, found by typing; "Create tag …" for a new name, to those who may create tags. */
export const TagSelectInput = ({ source, label, helperText, optional }: ReferenceSelectProps) => {
  const createTag = useCreateTag();
  const { canAccess: canCreate } = useCanAccess({ resource: 'tags', action: 'create' });
  return (
    <ReferenceInput source={source} reference="tags" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        label={label}
        optionText="name"
        validate={optional ? undefined : requiredChoice('Choose a tag')}
        onCreate={canCreate ? createTag : undefined}
        createItemLabel='Create tag "%{item}"'
        helperText={helperText}
        sx={{ maxWidth: 360 }}
        fullWidth
      />
    </ReferenceInput>
  );
};

/** One request template, found by typing. */
export const TemplateSelectInput = ({ source, label, helperText }: ReferenceSelectProps) => (
  <ReferenceInput
    source={source}
    reference="request-templates"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput
      label={label}
      optionText="name"
      validate={requiredChoice('Choose a request template')}
      helperText={helperText}
      sx={{ maxWidth: 360 }}
      fullWidth
    />
  </ReferenceInput>
);
