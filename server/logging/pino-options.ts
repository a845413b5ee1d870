import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/env.schema';

/** Structured logs; secrets in headers never reach them. */
export function pinoOptions(config: AppConfig): Params {
  return {
    // Named wildcard: path-to-regexp 8 (Express 5) no longer reads a bare '*'.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'req.query.token',
      ],
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // Invitation links carry their token in the query string, unsubscribe links in the path.
      serializers: {
        req: (req: { url?: string }) => ({
          ...req,
          url: req.url
            ?.replace(/([?&]token=)[^&]*/g, '$1[redacted]')
            .replace(/(\/unsubscribe\/)[^/?#]+/g, '$1[redacted]'),
        }),
      },
      transport:
        config.NODE_ENV === 'development' && process.stdout.isTTY
          ? { target: 'pino-pretty', options: { singleLine: true } }
          : undefined,
    },
  };
}
