import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type {
  DatabaseProbe,
  HealthProbeActivities,
} from '../../workflows/health-probe/health-probe.contract';

@Injectable()
export class HealthProbeActivitiesImpl implements HealthProbeActivities {
  constructor(private readonly orm: MikroORM) {}

  async checkDatabase(): Promise<DatabaseProbe> {
    const conn = this.orm.em.fork().getConnection();
    const [version] = await conn.execute<{ server_version: string }[]>('show server_version');
    const [migrations] = await conn.execute<{ n: number }[]>(
      'select count(*)::int as n from mikro_orm_migrations',
    );
    return { serverVersion: version.server_version, migrationsApplied: migrations.n };
  }
}
