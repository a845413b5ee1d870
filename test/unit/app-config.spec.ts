import { ConfigError, loadConfig } from '../../server/config/app-config';

describe('loadConfig', () => {
  it('keeps a list budget, doubled for a guessed walk, under the query timeout', () => {
    expect(loadConfig({}).LIST_BUDGET_MS).toBe(50);
    expect(loadConfig({ LIST_BUDGET_MS: '7000' }).LIST_BUDGET_MS).toBe(7000);
    expect(() => loadConfig({ LIST_BUDGET_MS: '7500' })).toThrow(ConfigError);
    expect(() => loadConfig({ LIST_BUDGET_MS: '7500' })).toThrow(
      /LIST_BUDGET_MS: must be under half of DATABASE_QUERY_TIMEOUT_MS \(15000\)/,
    );
    expect(
      loadConfig({ LIST_BUDGET_MS: '7500', DATABASE_QUERY_TIMEOUT_MS: '20000' }).LIST_BUDGET_MS,
    ).toBe(7500);
  });
});
