import { type ReactNode, useRef } from 'react';

interface FilePickerProps {
  /** Name of the (hidden) input, for assistive technology and tests that set files on it. */
  inputLabel: string;
  onFile: (file: File) => void;
  /** The visible control; calling `open` shows the browser's file chooser. */
  children: (open: () => void) => ReactNode;
}

/**
 * A file input kept out of sight behind a control of the caller's choosing (a button, an icon
 * button): the control is what the keyboard and screen readers reach, the input only chooses.
 */
export const FilePicker = ({ inputLabel, onFile, children }: FilePickerProps) => {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {children(() => input.current?.click())}
      <input
        ref={input}
        type="file"
        hidden
        aria-label={inputLabel}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Choosing the same file again (after a refusal) must fire `change` again.
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
};
