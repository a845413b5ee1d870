import { helmetOptions } from '../../server/common/http/helmet-options';

describe('helmetOptions', () => {
  it('turns on HSTS and upgrade-insecure-requests only behind HTTPS', () => {
    const https = helmetOptions('https://hub.example.com');
    const http = helmetOptions('http://192.168.1.20:3000');
    expect(https.strictTransportSecurity).toBe(true);
    expect(http.strictTransportSecurity).toBe(false);
    const directives = (o: typeof http) =>
      (o.contentSecurityPolicy as { directives: Record<string, unknown> }).directives;
    expect(directives(https)['upgrade-insecure-requests']).toEqual([]);
    expect(directives(http)['upgrade-insecure-requests']).toBeNull();
  });
});
