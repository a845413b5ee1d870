import { parseArgs, type ParseArgsConfig } from 'node:util';

type Values = Record<string, string | boolean | undefined>;

/** `--name value` options for the small scripts; unknown options are an error. */
export const readArgs = (options: NonNullable<ParseArgsConfig['options']>): Values =>
  parseArgs({ options, allowPositionals: false, strict: true }).values as Values;

/** A whole-number option, validated with a message naming it. */
export function numberOption(values: Values, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got "${String(raw)}"`);
  return n;
}
