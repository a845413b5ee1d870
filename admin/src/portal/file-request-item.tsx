import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { fieldMessage } from '../shared/field-message';
import { useUploadProgress } from '../shared/use-upload-progress';
import { isClosed, ITEM_STATUS_LABELS } from './file-request-format';
import { ItemDropzone } from './item-dropzone';
import { NotApplicableForm } from './not-applicable-form';
import { PortalApiError, portalFetch, portalUpload } from './portal-api';
import type { FileRequestFileRef, FileRequestItem, PortalFileRequest } from './portal-types';

interface FileRequestItemCardProps {
  request: PortalFileRequest;
  item: FileRequestItem;
  onChange: (request: PortalFileRequest) => void;
  onStale: () => void;
}

/** What the drop area says, by where the item stands. */
const DROP_PROMPTS: Partial<Record<FileRequestItem['status'], string>> = {
  requested: 'Drag your file here, or',
  rejected: 'Drag the new file here, or',
  uploaded: 'To replace your file before it is reviewed, drag a new one here, or',
  not_applicable: 'Have it after all? Drag the file here, or',
};

// The contact can still say so until staff review the item.
const MAY_MARK_NOT_APPLICABLE = new Set<FileRequestItem['status']>([
  'requested',
  'rejected',
  'uploaded',
]);

/**
 * `sent`, refused in words the contact should read. A 409 means the request moved on elsewhere
 * (cancelled, completed, item accepted), so the page is loaded again to show where it stands.
 */
async function explained<T>(sent: Promise<T>, onStale: () => void): Promise<T> {
  try {
    return await sent;
  } catch (failure) {
    if (!(failure instanceof PortalApiError)) throw failure;
    if (failure.status === 409) onStale();
    // A proxy may refuse a large body before the API sees it, with no JSON to explain.
    if (failure.status === 413 && !failure.code) {
      throw new PortalApiError(413, 'FILE_TOO_LARGE', 'This file is too large to upload.');
    }
    throw failure;
  }
}

/** One requested document: where it stands, what was said about it, and what the contact can do. */
export const FileRequestItemCard = ({
  request,
  item,
  onChange,
  onStale,
}: FileRequestItemCardProps) => {
  const titleId = useId();
  const errorId = useId();
  const upload = useUploadProgress();
  const [formOpen, setFormOpen] = useState(false);
  const notApplicableButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  const closed = isClosed(request);
  const dropPrompt = closed ? undefined : DROP_PROMPTS[item.status];
  const mayMarkNotApplicable = !closed && MAY_MARK_NOT_APPLICABLE.has(item.status);
  const itemPath = `/api/portal/file-requests/${request.id}/items/${item.id}`;

  useEffect(() => {
    // Cancelling the form puts the keyboard back on the button that opened it.
    if (!formOpen && returnFocus.current) {
      returnFocus.current = false;
      notApplicableButton.current?.focus();
    }
  }, [formOpen]);

  const changed = (next: PortalFileRequest) => {
    setFormOpen(false);
    onChange(next);
  };
  const notApplicable = useMutation({
    mutationFn: (comment: string) =>
      explained(
        portalFetch<PortalFileRequest>(`${itemPath}/not-applicable`, {
          method: 'POST',
          body: { comment },
        }),
        onStale,
      ),
    onSuccess: changed,
  });

  const send = async (file: File) => {
    notApplicable.reset();
    const next = await upload.run((onProgress) =>
      explained(portalUpload<PortalFileRequest>(`${itemPath}/upload`, file, onProgress), onStale),
    );
    if (next) changed(next);
  };

  const markNotApplicable = (comment: string): Promise<boolean> => {
    upload.clearError();
    return notApplicable.mutateAsync(comment).then(
      () => true,
      () => false,
    );
  };

  const error =
    upload.error ?? (notApplicable.error ? fieldMessage(notApplicable.error.message) : undefined);
  const uploading = upload.progress !== null;

  return (
    <article className={`portal-item portal-item-${item.status}`} aria-labelledby={titleId}>
      <header className="portal-item-header">
        <h3 id={titleId}>{item.title}</h3>
        <span className={`portal-status portal-status-${item.status}`}>
          {ITEM_STATUS_LABELS[item.status]}
        </span>
      </header>
      {item.description && <p className="portal-item-description">{item.description}</p>}
      {item.updatesFile && (
        <p className="portal-item-note">
          {'A new version of '}
          <FileLink file={item.updatesFile} />
        </p>
      )}

      <ItemOutcome item={item} />

      {dropPrompt && (
        <ItemDropzone
          itemTitle={item.title}
          prompt={dropPrompt}
          progress={upload.progress}
          onFile={(file) => void send(file)}
        />
      )}
      {mayMarkNotApplicable &&
        (formOpen ? (
          <NotApplicableForm
            itemTitle={item.title}
            errorId={error ? errorId : undefined}
            disabled={uploading}
            onSubmit={markNotApplicable}
            onCancel={() => {
              returnFocus.current = true;
              notApplicable.reset();
              setFormOpen(false);
            }}
          />
        ) : (
          <button
            ref={notApplicableButton}
            type="button"
            className="portal-button portal-button-quiet portal-item-na"
            disabled={uploading}
            onClick={() => {
              upload.clearError();
              setFormOpen(true);
            }}
          >
            Not applicable
          </button>
        ))}

      {error && (
        <p id={errorId} className="portal-error portal-item-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
};

/** What became of the item: the rejection to act on, the comment given, the file sent. */
const ItemOutcome = ({ item }: { item: FileRequestItem }) => {
  const showComment =
    item.notApplicableComment &&
    (item.status === 'not_applicable' || (item.status === 'accepted' && !item.file));
  const showFile =
    item.file &&
    (item.status === 'uploaded' || item.status === 'accepted' || item.status === 'rejected');
  return (
    <>
      {item.status === 'rejected' && (
        <p className="portal-rejection">
          {item.rejectionReason
            ? `Rejected: ${item.rejectionReason} — please upload a new file`
            : 'Rejected — please upload a new file'}
        </p>
      )}
      {showComment && (
        <p className="portal-item-comment">{`Your comment: ${item.notApplicableComment}`}</p>
      )}
      {showFile && item.file && (
        <p className="portal-item-file">
          {item.status === 'rejected' ? 'Rejected file: ' : 'Your file: '}
          <FileLink file={item.file} />
        </p>
      )}
    </>
  );
};

/** Downloads the version the reference names; later versions may exist. */
const FileLink = ({ file }: { file: FileRequestFileRef }) => (
  <>
    <a href={`/api/portal/files/${file.id}/download?version=${file.version}`} download>
      {file.name}
    </a>
    {file.version > 1 && (
      <span className="portal-file-version">{` (version ${file.version})`}</span>
    )}
  </>
);
