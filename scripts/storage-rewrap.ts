import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../server/config/app-config';
import { ConfigModule } from '../server/config/config.module';
import { ormOptions } from '../server/database/mikro-orm.config';
import { FileStore } from '../server/modules/files/file-store.service';
import { FilesModule } from '../server/modules/files/files.module';

/**
 * `npm run storage:rewrap`, after a master key rotation (STORAGE_MASTER_KEY the new key,
 * STORAGE_PREVIOUS_MASTER_KEYS the old ones): every stored file's data key is wrapped with the
 * new key, and files stored before encryption are sealed. Safe to run again, and while the
 * API and worker run.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      MikroOrmModule.forRoot(ormOptions(config.DATABASE_URL)),
      FilesModule,
    ],
  })
  class RewrapModule {}
  const app = await NestFactory.createApplicationContext(RewrapModule, { logger: ['error'] });
  try {
    const { rewrapped, sealed } = await app.get(FileStore).rewrapAll();
    console.log(
      `Re-wrapped ${rewrapped} stored file(s) with the current master key; encrypted ${sealed} stored before encryption.`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
