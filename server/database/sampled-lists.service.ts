import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { budgetedRunner } from './budgeted-runner';
import { sampledList, type SampledListSpec, type SampledPage } from './sampled-list';
import { sqlRunner } from './sql-runner';

/**
 * The API's list pages (see sampledList). An exact count gets as long as its page took, at
 * least a fifth of LIST_BUDGET_MS (through an index 10,000 matches count in a few milliseconds)
 * and at most all of it: run beside its page for the whole budget, a count given up cost 50 ms
 * of a page that took 10 (a staff member's sign-ins by date). A guessed walk gets twice the
 * budget, as what it saves (collecting the matches) costs more.
 */
@Injectable()
export class SampledLists {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  page<Row extends { id: string }>(spec: SampledListSpec): Promise<SampledPage<Row>> {
    const budget = this.config.LIST_BUDGET_MS;
    return sampledList<Row>(sqlRunner(this.em), spec, {
      count: (pageMs) => budgetedRunner(this.em, Math.min(Math.max(pageMs, budget / 5), budget)),
      guess: budgetedRunner(this.em, 2 * budget),
    });
  }
}
