import { Dropzone } from '../shared/dropzone';
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

  const upload = async (file: File) => {
    const stored = await run((onProgress) =>
      portalUpload<PortalFile>(`/api/portal/clients/${clientId}/files`, file, onProgress),
    );
    if (stored) onUploaded(stored);
  };

  return (
    <Dropzone
      prompt="Drag a file here to add it, or"
      buttonLabel="Upload a file"
      inputLabel="Choose a file"
      progressLabel="Upload progress"
      progress={progress}
      onFile={(file) => void upload(file)}
    >
      {error && (
        <p className="portal-error" role="alert">
          {error}
        </p>
      )}
    </Dropzone>
  );
};
