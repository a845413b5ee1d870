import { useState, type FormEvent } from 'react';

/** A form's submit: its button waits for `action`; a failure goes to `onError`. */
export function useSubmit(action: () => Promise<void>, onError: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await action();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}
