import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import type { AppConfig } from './config/env.schema';
import { helmetOptions } from './common/http/helmet-options';
import { jsonBody } from './common/http/json-body';
import { originCheck } from './common/http/origin-check';
import { createApiDocument } from './common/openapi/api-document';
import { serveStaticApps } from './static-apps';

/** The configured HTTP application; main.ts and the tests both build it here. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoLogger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(helmet(helmetOptions(config.PUBLIC_URL)));
  app.use(cookieParser());
  app.use(originCheck(config.PUBLIC_URL, config.corsOrigins));
  app.use(jsonBody());
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['Content-Range', 'X-Total-Estimated'],
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, () => createApiDocument(app));

  serveStaticApps(app.getHttpAdapter().getInstance());
  Logger.log(
    `Temporal at ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}`,
    'App',
  );
  return app;
}
