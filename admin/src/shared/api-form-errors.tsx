import { Alert, AlertTitle } from '@mui/material';
import { useCallback, useState } from 'react';
import { useNotify, useSaveContext } from 'react-admin';
import type { FieldValues } from 'react-hook-form';

interface FieldProblem {
  field: string;
  message: string;
}

const isFieldProblem = (value: unknown): value is FieldProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldProblem).field === 'string' &&
  typeof (value as FieldProblem).message === 'string';

/** The API's `details: [{ field, message }]` as react-hook-form errors by path (`steps.2.days`). */
const fieldErrorsOf = (error: unknown): Record<string, string> | undefined => {
  const details = (error as { body?: { details?: unknown } } | null)?.body?.details;
  if (!Array.isArray(details)) return undefined;
  const problems = details.filter(isFieldProblem);
  if (!problems.length) return undefined;
  return Object.fromEntries(problems.map(({ field, message }) => [field, message]));
};

/**
 * A form submit that saves through the page's save context and, when the API refuses, keeps its
 * message (which names the fields, e.g. "steps.2.templateId: no such request template") for
 * `<ApiErrorAlert>`, notifies it, and marks each named field in error next to its input.
 */
export const useApiErrorSubmit = (failedMessage = 'Could not save') => {
  const { save } = useSaveContext();
  const notify = useNotify();
  const [error, setError] = useState<string>();

  const submit = useCallback(
    async (values: FieldValues) => {
      setError(undefined);
      let failure: unknown;
      // A call-time onError replaces the page's own (a notification): we notify here instead.
      await save?.(values, {
        onError: (caught: unknown) => {
          failure = caught ?? new Error(failedMessage);
        },
      });
      if (failure === undefined) return undefined;
      const message = failure instanceof Error && failure.message ? failure.message : failedMessage;
      setError(message);
      notify(message, { type: 'error' });
      return fieldErrorsOf(failure);
    },
    [save, notify, failedMessage],
  );

  return { submit, error };
};

/** The API's refusal, one line per problem, shown just above the form's buttons. */
export const ApiErrorAlert = ({ error, title }: { error?: string; title: string }) =>
  error ? (
    <Alert severity="error" sx={{ width: '100%', mt: 1 }}>
      <AlertTitle>{title}</AlertTitle>
      {error.split('; ').map((line) => (
        <div key={line}>{line}</div>
      ))}
    </Alert>
  ) : null;
