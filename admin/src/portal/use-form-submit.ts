import { useState, type FormEvent } from 'react';
import type { PortalApiError } from './portal-api';

/** A form's submit: its button waits for `action`, whose refusal is kept to show. */
export function useFormSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as PortalApiError).message);
    } finally {
      setSubmitting(false);
    }
  };
  return { submit, error, setError, submitting };
}
