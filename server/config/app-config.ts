import { resolve } from 'node:path';
import { settingsSchema, type AppConfig } from './env.schema';

export class ConfigError extends Error {}

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const raw = parsed.data;
  return {
    ...raw,
    DATA_DIR: resolve(raw.DATA_DIR),
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    DATABASE_URL:
      raw.DATABASE_URL ??
      `postgres://postgres:postgres@127.0.0.1:${raw.EMBEDDED_POSTGRES_PORT}/clienthub`,
    TEMPORAL_ADDRESS: raw.TEMPORAL_ADDRESS ?? `127.0.0.1:${raw.EMBEDDED_TEMPORAL_PORT}`,
    TEMPORAL_UI_URL: (
      raw.TEMPORAL_UI_URL ?? `http://localhost:${raw.EMBEDDED_TEMPORAL_UI_PORT}`
    ).replace(/\/$/, ''),
    corsOrigins: (raw.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}
