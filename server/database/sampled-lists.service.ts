import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { budgetedRunner } from './budgeted-runner';
import { countBudgetMs, sampledList, type SampledListSpec, type SampledPage } from './sampled-list';
import { sqlRunner, type SqlRunner } from './sql-runner';

/**
 * The API's list pages (see sampledList): an exact count gets a time from what its page took
 * within LIST_BUDGET_MS (countBudgetMs), a guessed walk twice the budget, as what it saves
 * (collecting the matches) costs more.
 */
@Injectable()
export class SampledLists {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The page's ids, then its rows as `read` gives them for those ids (in their order): joins
   * and counts for the page's rows only.
   */
  async pageOf<Row>(
    spec: SampledListSpec,
    read: (sql: SqlRunner, ids: string[]) => Promise<Row[]>,
  ): Promise<SampledPage<Row>> {
    const page = await this.page<{ id: string }>(spec);
    const ids = page.rows.map((r) => r.id);
    return { ...page, rows: ids.length ? await read(sqlRunner(this.em), ids) : [] };
  }

  page<Row extends { id: string }>(spec: SampledListSpec): Promise<SampledPage<Row>> {
    const budget = this.config.LIST_BUDGET_MS;
    return sampledList<Row>(sqlRunner(this.em), spec, {
      count: (pageMs) => budgetedRunner(this.em, countBudgetMs(pageMs, budget)),
      guess: budgetedRunner(this.em, 2 * budget),
    });
  }
}
