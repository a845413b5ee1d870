import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../server/database/mikro-orm.config';

/** Undoes the migrations after `to`, runs `meanwhile` on the database as it was, migrates up. */
export async function remigrate(
  url: string,
  to: string,
  meanwhile: () => Promise<unknown>,
): Promise<void> {
  const orm = await MikroORM.init(ormOptions(url));
  try {
    await orm.getMigrator().down({ to });
    await meanwhile();
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
}
