import { type DragEvent, useState } from 'react';
import { FilePicker } from '../shared/file-picker';
import { useUploadProgress } from '../shared/use-upload-progress';
import { portalUpload } from './portal-api';
import type { PortalFile } from './portal-types';

interface DocumentUploadProps {
  clientId: string;
  /** Called with the stored file once an upload is through. */
  onUploaded: (file: PortalFile) => void;
}

/** Collaborators add a file: dropped on the area, or chosen with its button. */
export const DocumentUpload = ({ clientId, onUploaded }: DocumentUploadProps) => {
  const { run, progress, error } = useUploadProgress();
  const [dragging, setDragging] = useState(false);
  const uploading = progress !== null;

  const upload = async (file: File) => {
    const stored = await run((onProgress) =>
      portalUpload<PortalFile>(`/api/portal/clients/${clientId}/files`, file, onProgress),
    );
    if (stored) onUploaded(stored);
  };
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    if (!uploading) setDragging(true);
  };
  const onDragLeave = (event: DragEvent) => {
    // Moving over the area's own text fires dragleave too.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !uploading) void upload(file);
  };

  return (
    <div
      className={dragging ? 'portal-dropzone portal-dropzone-active' : 'portal-dropzone'}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <p>Drag a file here to add it, or</p>
      <FilePicker inputLabel="Choose a file" onFile={(file) => void upload(file)}>
        {(open) => (
          <button type="button" className="portal-button" disabled={uploading} onClick={open}>
            Upload a file
          </button>
        )}
      </FilePicker>
      {uploading && (
        <div className="portal-progress">
          <progress value={progress} max={1} aria-label="Upload progress" />
          <span>{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Saving…'}</span>
        </div>
      )}
      {error && (
        <p className="portal-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
};
