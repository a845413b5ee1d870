import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { budgetedRunner } from './budgeted-runner';
import { sampledList, type SampledListSpec, type SampledPage } from './sampled-list';
import { sqlRunner } from './sql-runner';

/** The API's list pages (see sampledList), with LIST_BUDGET_MS for what a page can do without. */
@Injectable()
export class SampledLists {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  page<Row extends { id: string }>(spec: SampledListSpec): Promise<SampledPage<Row>> {
    return sampledList<Row>(
      sqlRunner(this.em),
      spec,
      budgetedRunner(this.em, this.config.LIST_BUDGET_MS),
    );
  }
}
