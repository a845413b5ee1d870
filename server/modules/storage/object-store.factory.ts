import { join } from 'node:path';
import type { AppConfig } from '../../config/env.schema';
import { LocalObjectStore } from './local-object-store';
import type { ObjectStore } from './object-store';
import { S3ObjectStore } from './s3-object-store';

/** Where local writes are staged before they move in; swept of leftovers with stale uploads. */
export const localIncomingDir = (config: Pick<AppConfig, 'DATA_DIR'>): string =>
  join(config.DATA_DIR, 'files', 'incoming');

/** S3 when a bucket is configured, else files under DATA_DIR/files. */
export function createObjectStore(config: AppConfig): ObjectStore {
  if (!config.S3_BUCKET) {
    return new LocalObjectStore(join(config.DATA_DIR, 'files'), localIncomingDir(config));
  }
  return new S3ObjectStore({
    bucket: config.S3_BUCKET,
    prefix: config.S3_PREFIX,
    client: {
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: (config.S3_FORCE_PATH_STYLE ?? String(!!config.S3_ENDPOINT)) === 'true',
      ...(config.S3_ACCESS_KEY_ID && {
        credentials: {
          accessKeyId: config.S3_ACCESS_KEY_ID,
          secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
        },
      }),
    },
  });
}
