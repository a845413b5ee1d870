import type { AppConfig } from '../../server/config/env.schema';

export interface BannerInput {
  config: AppConfig;
  adminEmail: string;
  /** Only on the run that created the first admin. */
  generatedPassword?: string;
  /** Where the embedded Temporal server logs, when it runs. */
  temporalLog?: string;
}

/** What `npm start` prints once everything answers. */
export function startBanner({
  config,
  adminEmail,
  generatedPassword,
  temporalLog,
}: BannerInput): string {
  const url = config.PUBLIC_URL;
  const rows: Array<[string, string]> = [
    ['Console', `${url}/admin`],
    ['Client portal', `${url}/portal`],
    ['API docs', `${url}/api/docs`],
    ['Health', `${url}/api/health`],
    ['Temporal Web UI', config.TEMPORAL_UI_URL],
    ['Temporal', `${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`],
    ['Data directory', config.DATA_DIR],
  ];
  if (temporalLog) rows.push(['Temporal log', temporalLog]);
  rows.push(['Sign in as', adminEmail], ['Password', passwordLine(config, generatedPassword)]);

  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = '─'.repeat(72);
  return [
    rule,
    '  Client Hub is running',
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    '  Press Ctrl-C to stop.',
    rule,
  ].join('\n');
}

function passwordLine(config: AppConfig, generatedPassword?: string): string {
  if (generatedPassword) return `${generatedPassword}   (printed once: change it after signing in)`;
  if (config.ADMIN_PASSWORD) return 'the one in ADMIN_PASSWORD';
  return 'the one printed on the first start (or the one you have set since)';
}
