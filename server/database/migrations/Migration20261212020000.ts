import { Migration } from '@mikro-orm/migrations';

/**
 * A bulk invite is looked up by its id for as long as staff watch its progress (every two
 * seconds), also once it is done. invitation_batch_idx holds only invitations still moving
 * through a batch, so a finished or unknown batch read every invitation.
 */
export class Migration20261212020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index invitation_batch_id_idx on invitation (batch_id) where batch_id is not null;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index invitation_batch_id_idx;');
  }
}
