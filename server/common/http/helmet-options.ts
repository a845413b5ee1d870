import type { HelmetOptions } from 'helmet';

/**
 * Security headers. Served over plain HTTP (a LAN address, a first local try), HSTS and
 * upgrade-insecure-requests would send the browser to an HTTPS port that does not exist.
 */
export function helmetOptions(publicUrl: string): HelmetOptions {
  const https = publicUrl.startsWith('https://');
  return {
    strictTransportSecurity: https,
    contentSecurityPolicy: {
      directives: {
        // MUI/emotion injects style tags at runtime.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https:'],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
  };
}
