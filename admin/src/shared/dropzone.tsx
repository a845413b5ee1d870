import { type DragEvent, type ReactNode, useState } from 'react';
import { FilePicker } from './file-picker';

interface DropzoneProps {
  /** The area's own name, if it has one (it then is a group). */
  groupLabel?: string;
  /** The line above the button, ending in "or". */
  prompt: string;
  buttonLabel: string;
  /** The hidden file input's name. */
  inputLabel: string;
  progressLabel: string;
  /** Fraction sent while an upload is under way, else null. */
  progress: number | null;
  onFile: (file: File) => void;
  /** Under the area's controls, e.g. an error. */
  children?: ReactNode;
}

/** A portal file drop area: a file dropped on it, or chosen with its button (phones have no drag). */
export const Dropzone = ({
  groupLabel,
  prompt,
  buttonLabel,
  inputLabel,
  progressLabel,
  progress,
  onFile,
  children,
}: DropzoneProps) => {
  const [dragging, setDragging] = useState(false);
  const uploading = progress !== null;

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
      role={groupLabel ? 'group' : undefined}
      aria-label={groupLabel}
      className={dragging ? 'portal-dropzone portal-dropzone-active' : 'portal-dropzone'}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <p>{prompt}</p>
      <FilePicker inputLabel={inputLabel} onFile={onFile}>
        {(open) => (
          <button type="button" className="portal-button" disabled={uploading} onClick={open}>
            {buttonLabel}
          </button>
        )}
      </FilePicker>
      {uploading && (
        <div className="portal-progress">
          <progress value={progress} max={1} aria-label={progressLabel} />
          <span>{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Saving…'}</span>
        </div>
      )}
      {children}
    </div>
  );
};
