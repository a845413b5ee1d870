import { DeleteButton, useRecordContext } from 'react-admin';
import type { Tag } from '../../types';

/** Deleting a tag untags its clients, so the confirmation says how many. */
export const DeleteTagButton = () => {
  const tag = useRecordContext<Tag>();
  if (!tag) return null;
  const clients = tag.clientCount === 1 ? '1 client' : `${tag.clientCount} clients`;
  return (
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle={`Delete tag "${tag.name}"?`}
      confirmContent={`The tag will be removed from ${clients}. Clients themselves are not deleted.`}
    />
  );
};
