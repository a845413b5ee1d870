import type { z } from 'zod';
import { CommonErrorCode, CommonException } from '../errors/common.exception';
import './zod-messages';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into one line per field, e.g. `color: must be #rrggbb or a palette name`. */
export function describeIssues(issues: z.core.$ZodIssue[], prefix = ''): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [path, key].filter(Boolean).join('.'),
        message: 'unknown field',
      }));
    }
    return [{ field: path || '(body)', message: issue.message }];
  });
}

/** Validates input against a schema; a failure is a 400 naming every bad field. Nothing runs after it. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues, prefix);
  throw new CommonException(
    CommonErrorCode.VALIDATION_FAILED,
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  );
}

/** A 400 for one field, for checks a schema cannot express. */
export function invalidField(field: string, message: string): never {
  throw new CommonException(CommonErrorCode.VALIDATION_FAILED, `${field}: ${message}`, [
    { field, message },
  ]);
}
