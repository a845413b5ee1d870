import type { ReactElement } from 'react';
import { AutocompleteArrayInput, ReferenceArrayInput, useCanAccess } from 'react-admin';
import { useCreateTag } from './use-create-tag';

interface TagReferenceInputProps {
  source: string;
  /** Offer "Create tag …" for a name that matches no tag (only to users who may create tags). */
  allowCreate?: boolean;
  helperText?: string | false;
  /** "Tags" unless told otherwise (e.g. "Without tags" for a tags-none filter). */
  label?: string;
  /** Rendered by "Create tag …" instead of creating the tag at once (e.g. to keep it for later). */
  create?: ReactElement;
}

/** Tags picker used by the client form, the client filters and the tags dialog. */
export const TagReferenceInput = ({
  source,
  allowCreate = false,
  helperText,
  label = 'Tags',
  create,
}: TagReferenceInputProps) => {
  const createTag = useCreateTag();
  const { canAccess: canCreate } = useCanAccess({ resource: 'tags', action: 'create' });
  return (
    <ReferenceArrayInput source={source} reference="tags" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteArrayInput
        label={label}
        optionText="name"
        onCreate={allowCreate && canCreate && !create ? createTag : undefined}
        create={allowCreate && canCreate ? create : undefined}
        createItemLabel='Create tag "%{item}"'
        helperText={helperText}
      />
    </ReferenceArrayInput>
  );
};
