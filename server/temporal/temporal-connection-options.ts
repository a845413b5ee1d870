import type { AppConfig } from '../config/env.schema';

/**
 * Where Temporal is, and for Temporal Cloud how to sign in: TLS with the API key. The API's
 * connection and the worker's take the same.
 */
export const temporalConnectionOptions = (
  config: Pick<AppConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_API_KEY'>,
): { address: string; tls?: boolean; apiKey?: string } => ({
  address: config.TEMPORAL_ADDRESS,
  ...(config.TEMPORAL_API_KEY && { tls: true, apiKey: config.TEMPORAL_API_KEY }),
});
