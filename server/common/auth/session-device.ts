import Bowser from 'bowser';

/** A session's browser as its owner recognises it, e.g. "Firefox 128 on Windows 10 (desktop)". */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return 'Unknown browser';
  const { browser, os, platform } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [os.name, os.versionName ?? os.version].filter(Boolean).join(' ');
  return [
    name || 'Unknown browser',
    system && `on ${system}`,
    platform.type && `(${platform.type})`,
  ]
    .filter(Boolean)
    .join(' ');
}
