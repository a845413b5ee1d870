import { Dropzone } from '../shared/dropzone';

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
  const label = `Upload file for ${itemTitle}`;
  return (
    <Dropzone
      groupLabel={`Drop a file for ${itemTitle}`}
      prompt={prompt}
      buttonLabel={label}
      inputLabel={label}
      progressLabel={`Upload progress for ${itemTitle}`}
      progress={progress}
      onFile={onFile}
    />
  );
};
