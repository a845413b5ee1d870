import { landingPath } from '../../admin/src/portal/sign-in-return';

/** Where an invitation link lands once the password is set: a page of the portal, or home. */
describe('landingPath', () => {
  it('keeps a portal page', () => {
    expect(landingPath('/portal/requests/4b1c2d3e-0000-4000-8000-000000000001')).toBe(
      '/portal/requests/4b1c2d3e-0000-4000-8000-000000000001',
    );
  });

  it('sends anything else home: other sites, other apps, sign-in pages, nothing', () => {
    for (const next of [
      'https://evil.example/portal/requests/x',
      '//evil.example/portal',
      '/\\evil.example',
      '/admin/',
      '/portal/../admin',
      '/portal/login',
      '/portal/accept',
      'javascript:alert(1)',
      '',
      null,
      undefined,
    ]) {
      expect(landingPath(next)).toBe('/portal/');
    }
  });
});
