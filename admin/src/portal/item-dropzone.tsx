import { type DragEvent, useState } from 'react';
import { FilePicker } from '../shared/file-picker';

interface ItemDropzoneProps {
  itemTitle: string;
  /** The line above the button, ending in "or". */
  prompt: string;
  /** Fraction sent while an upload is under way, else null. */
  progress: number | null;
  onFile: (file: File) => void;
}

/** A requested item's file: dropped on the area, or chosen with its button (phones have no drag). */
export const ItemDropzone = ({ itemTitle, prompt, progress, onFile }: ItemDropzoneProps) => {
  const [dragging, setDragging] = useState(false);
  const uploading = progress !== null;
  const label = `Upload file for ${itemTitle}`;

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
    if (file && !uploading) onFile(file);
  };

  return (
    <div
      role="group"
      aria-label={`Drop a file for ${itemTitle}`}
      className={dragging ? 'portal-dropzone portal-dropzone-active' : 'portal-dropzone'}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <p>{prompt}</p>
      <FilePicker inputLabel={label} onFile={onFile}>
        {(open) => (
          <button type="button" className="portal-button" disabled={uploading} onClick={open}>
            {label}
          </button>
        )}
      </FilePicker>
      {uploading && (
        <div className="portal-progress">
          <progress value={progress} max={1} aria-label={`Upload progress for ${itemTitle}`} />
          <span>{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Saving…'}</span>
        </div>
      )}
    </div>
  );
};
