import { maxLength, required, TextInput } from 'react-admin';

interface RequestTextInputsProps {
  /** The `message` field's label and helper text differ between a request and a template. */
  messageLabel: string;
  messageHelperText: string;
}

/** A file request's subject, description and message, as a request or a template holds them. */
export const RequestTextInputs = ({ messageLabel, messageHelperText }: RequestTextInputsProps) => (
  <>
    <TextInput source="subject" label="Subject" validate={[required(), maxLength(200)]} fullWidth />
    <TextInput
      source="description"
      label="Description"
      validate={maxLength(5000)}
      multiline
      minRows={2}
      fullWidth
    />
    <TextInput
      source="message"
      label={messageLabel}
      helperText={messageHelperText}
      validate={maxLength(5000)}
      multiline
      minRows={2}
      fullWidth
    />
  </>
);
