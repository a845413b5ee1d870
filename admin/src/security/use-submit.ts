import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';

/** A form's submit: its button waits for `action` (a mutation); a failure goes to `onError`. */
export function useSubmit(action: () => Promise<void>, onError: (error: unknown) => void) {
  const { mutate, isPending } = useMutation({ mutationFn: action, onError });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutate();
  };
  return { submit, busy: isPending };
}
