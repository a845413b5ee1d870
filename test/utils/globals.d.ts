import type { EmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import type { TemporalDevServer } from '../../scripts/lib/temporal-dev-server';

declare global {
  var __CLIENT_HUB_SERVICES__:
    { postgres: EmbeddedPostgres; temporal: TemporalDevServer } | undefined;
}
