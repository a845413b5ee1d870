import { type FormEvent, useEffect, useId, useRef, useState } from 'react';

interface NotApplicableFormProps {
  itemTitle: string;
  /** The item's error message, when there is one: the comment field points at it. */
  errorId: string | undefined;
  disabled: boolean;
  /** Resolves true once saved (the form then closes), false when refused. */
  onSubmit: (comment: string) => Promise<boolean>;
  onCancel: () => void;
}

const MAX_COMMENT = 1000;

/** The contact says an item does not apply to them, and why (the firm reads the comment). */
export const NotApplicableForm = ({
  itemTitle,
  errorId,
  disabled,
  onSubmit,
  onCancel,
}: NotApplicableFormProps) => {
  const commentId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [comment, setComment] = useState('');
  const [blank, setBlank] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = comment.trim();
    // `required` lets spaces through.
    if (!text) {
      setBlank(true);
      field.current?.focus();
      return;
    }
    setSubmitting(true);
    const saved = await onSubmit(text);
    // Once saved the form is gone; only a refusal leaves it here to edit.
    if (!saved) setSubmitting(false);
  };

  const blankId = `${commentId}-blank`;
  const describedBy = [blank ? blankId : undefined, errorId].filter(Boolean).join(' ') || undefined;

  return (
    <form
      className="portal-na-form"
      aria-label={`Not applicable: ${itemTitle}`}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <div className="portal-field">
        <label htmlFor={commentId}>Why is this not applicable?</label>
        <textarea
          ref={field}
          id={commentId}
          name="comment"
          rows={3}
          maxLength={MAX_COMMENT}
          required
          aria-invalid={blank || Boolean(errorId)}
          aria-describedby={describedBy}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            setBlank(false);
          }}
        />
        {blank && (
          <p id={blankId} className="portal-field-error" role="alert">
            Please say why, so your firm knows.
          </p>
        )}
      </div>
      <div className="portal-form-actions">
        <button type="submit" className="portal-button" disabled={submitting || disabled}>
          Mark not applicable
        </button>
        <button
          type="button"
          className="portal-button portal-button-quiet"
          disabled={submitting}
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
    </form>
  );
};
