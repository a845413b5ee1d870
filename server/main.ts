import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare-database';

async function main(): Promise<void> {
  const config = loadConfig();
  const prepared = await prepareDatabase(config);
  if (prepared.generatedPassword) {
    Logger.warn(
      `First staff admin ${prepared.adminEmail} created with password ${prepared.generatedPassword} (shown once: change it)`,
      'Bootstrap',
    );
  }
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  Logger.log(`API listening on ${config.PUBLIC_URL}/api`, 'Bootstrap');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
