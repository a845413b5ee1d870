import InsertDriveFileOutlinedIcon from '@mui/icons-material/InsertDriveFileOutlined';
import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { Alert, Box, Typography } from '@mui/material';
import { type DragEvent, useState } from 'react';
import { formatSize } from '../../shared/format-size';

// The API refuses larger files; checking here saves uploading 50 MB to be told so.
const MAX_MB = 50;
const MAX_BYTES = MAX_MB * 1024 * 1024;

const rejectionOf = (file: File) => {
  if (!/\.(csv|xlsx)$/i.test(file.name)) return `${file.name} is not a CSV or Excel (.xlsx) file.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > MAX_BYTES) {
    return `${file.name} is ${formatSize(file.size)}: files up to ${MAX_MB} MB can be imported.`;
  }
  return undefined;
};

interface FileDropZoneProps {
  file: File | null;
  /** Called with the chosen file, or null when the one dropped or picked was refused. */
  onChange: (file: File | null) => void;
  disabled?: boolean;
}

/**
 * Drop a file or click to pick one. The zone is the label of a visually hidden file input,
 * so clicking, the keyboard (Tab, then Space) and assistive technology all reach the picker.
 */
export const FileDropZone = ({ file, onChange, disabled = false }: FileDropZoneProps) => {
  const [dragging, setDragging] = useState(false);
  const [rejection, setRejection] = useState<string>();

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    const problem = rejectionOf(chosen);
    setRejection(problem);
    onChange(problem ? null : chosen);
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    if (!disabled) setDragging(true);
  };
  const onDragLeave = (event: DragEvent) => {
    // Moving over the zone's own text fires dragleave too.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) choose(event.dataTransfer.files[0]);
  };

  return (
    <Box>
      <Box
        component="label"
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        sx={(theme) => ({
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          gap: 0.5,
          px: 3,
          py: 4,
          textAlign: 'center',
          border: '2px dashed',
          borderColor: dragging ? 'primary.main' : 'divider',
          borderRadius: 2,
          bgcolor: dragging ? 'action.hover' : 'background.default',
          cursor: disabled ? 'default' : 'pointer',
          opacity: disabled ? 0.6 : 1,
          transition: theme.transitions.create(['border-color', 'background-color']),
          '&:hover': disabled ? {} : { borderColor: 'primary.main' },
          '&:focus-within': {
            outline: `2px solid ${theme.palette.primary.main}`,
            outlineOffset: 2,
          },
        })}
      >
        <Box
          component="input"
          type="file"
          accept=".csv,.xlsx"
          disabled={disabled}
          onChange={(event) => {
            choose(event.currentTarget.files?.[0]);
            // Picking the same file again (after fixing it) must fire `change` again.
            event.currentTarget.value = '';
          }}
          sx={{
            position: 'absolute',
            width: 1,
            height: 1,
            overflow: 'hidden',
            clip: 'rect(0 0 0 0)',
            whiteSpace: 'nowrap',
          }}
        />
        {file ? (
          <>
            <InsertDriveFileOutlinedIcon color="primary" sx={{ fontSize: 40 }} />
            <Typography sx={{ fontWeight: 600, wordBreak: 'break-all' }}>{file.name}</Typography>
            <Typography variant="body2" color="text.secondary">
              {formatSize(file.size)} · drop or click to choose another file
            </Typography>
          </>
        ) : (
          <>
            <UploadFileOutlinedIcon color="action" sx={{ fontSize: 40 }} />
            <Typography sx={{ fontWeight: 600 }}>
              Drop your client list here, or click to choose a file
            </Typography>
            <Typography variant="body2" color="text.secondary">
              CSV or Excel (.xlsx), up to {MAX_MB} MB
            </Typography>
          </>
        )}
      </Box>
      {rejection && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {rejection}
        </Alert>
      )}
    </Box>
  );
};
