import type { EmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import type { TemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import type { S3TestServer } from '../../scripts/lib/s3-test-server';

declare global {
  var __CLIENT_HUB_SERVICES__:
    { postgres: EmbeddedPostgres; temporal: TemporalDevServer; s3: S3TestServer } | undefined;
}
