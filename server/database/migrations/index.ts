import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000 } from './Migration20261121000000';
import { Migration20261121010000 } from './Migration20261121010000';
import { Migration20261121020000 } from './Migration20261121020000';
import { Migration20261121030000 } from './Migration20261121030000';
import { Migration20261122000000 } from './Migration20261122000000';
import { Migration20261122010000 } from './Migration20261122010000';
import { Migration20261122020000 } from './Migration20261122020000';
import { Migration20261122030000 } from './Migration20261122030000';
import { Migration20261122040000 } from './Migration20261122040000';
import { Migration20261122050000 } from './Migration20261122050000';
import { Migration20261122060000 } from './Migration20261122060000';
import { Migration20261122071300 } from './Migration20261122071300';
import { Migration20261205000000 } from './Migration20261205000000';
import { Migration20261205010000 } from './Migration20261205010000';
import { Migration20261205150000 } from './Migration20261205150000';
import { Migration20261205200000 } from './Migration20261205200000';
import { Migration20261206100000 } from './Migration20261206100000';
import { Migration20261206130000 } from './Migration20261206130000';

/** Listed explicitly so compiled and ts-run code (Jest) find the same migrations. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121000000', class: Migration20261121000000 },
  { name: 'Migration20261121010000', class: Migration20261121010000 },
  { name: 'Migration20261121020000', class: Migration20261121020000 },
  { name: 'Migration20261121030000', class: Migration20261121030000 },
  { name: 'Migration20261122000000', class: Migration20261122000000 },
  { name: 'Migration20261122010000', class: Migration20261122010000 },
  { name: 'Migration20261122020000', class: Migration20261122020000 },
  { name: 'Migration20261122030000', class: Migration20261122030000 },
  { name: 'Migration20261122040000', class: Migration20261122040000 },
  { name: 'Migration20261122050000', class: Migration20261122050000 },
  { name: 'Migration20261122060000', class: Migration20261122060000 },
  { name: 'Migration20261122071300', class: Migration20261122071300 },
  { name: 'Migration20261205000000', class: Migration20261205000000 },
  { name: 'Migration20261205010000', class: Migration20261205010000 },
  { name: 'Migration20261205150000', class: Migration20261205150000 },
  { name: 'Migration20261205200000', class: Migration20261205200000 },
  { name: 'Migration20261206100000', class: Migration20261206100000 },
  { name: 'Migration20261206130000', class: Migration20261206130000 },
];
