import type { z } from 'zod';
import { CommonErrors } from '../errors/common.errors';
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

/** A step of a path, linked to its parent: deep input costs no copied path per level. */
interface PathStep {
  key: string;
  parent?: PathStep;
}

function pathOf(step: PathStep | undefined): string[] {
  const path: string[] = [];
  for (let at = step; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The path of the first string or key holding a NUL character, if any: PostgreSQL text cannot
 * store one. Walked with a stack, so deeply nested JSON cannot overflow the call stack.
 */
function nulPath(input: unknown): string[] | undefined {
  const stack: [unknown, PathStep | undefined][] = [[input, undefined]];
  while (stack.length) {
    const [value, at] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return pathOf(at);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\0')) return pathOf({ key: key.replaceAll('\0', '\\0'), parent: at });
        stack.push([item, { key, parent: at }]);
      }
    }
  }
  return undefined;
}

/** A 400 naming the first string or key of `input` holding a NUL character, if one does. */
export function assertNoNul(input: unknown, prefix = ''): void {
  const nul = nulPath(input);
  if (nul) {
    invalidField(
      [prefix, ...nul].filter(Boolean).join('.') || '(body)',
      'must not contain a NUL character',
    );
  }
}

/**
 * Validates input against a schema; a failure is a 400 naming every bad field. Nothing runs
 * after it. Every body, query and parameter that reaches a schema passes here, so this is also
 * where text with a NUL character is refused, whatever the schema.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = '',
): z.output<S> {
  assertNoNul(input, prefix);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues, prefix);
  throw CommonErrors.VALIDATION_FAILED(
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  );
}

/** A 400 for one field, for checks a schema cannot express. */
export function invalidField(field: string, message: string): never {
  throw CommonErrors.VALIDATION_FAILED(`${field}: ${message}`, [{ field, message }]);
}
