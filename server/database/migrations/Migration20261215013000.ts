import { Migration } from '@mikro-orm/migrations';

/**
 * The firm's onboarding funnel on the dashboard is kept (see kept-counts.ts): counted from the
 * client table on every visit it read the whole table (265 ms at a million clients). Inserts
 * and deletes append their counts per statement; an update appends only when it moves a client
 * between steps (type, portal status, having an email), checked before any function runs, as
 * most updates of a client (its tags, its name) move none. Client is locked against writers
 * while the counts are taken.
 */
export class Migration20261215013000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('lock table client in share row exclusive mode;');
    this.addSql(`
      create table client_funnel_counts (
        type text not null, portal_status text not null, with_email boolean not null,
        delta integer not null);`);
    this.addSql(`
      create function count_client_funnel() returns trigger language plpgsql as $$
      begin
        insert into client_funnel_counts (type, portal_status, with_email, delta)
          select type, portal_status, email is not null,
                 case tg_op when 'INSERT' then count(*) else -count(*) end
          from changed_clients group by 1, 2, 3;
        return null;
      end $$;`);
    this.addSql(`
      create function move_client_funnel() returns trigger language plpgsql as $$
      begin
        insert into client_funnel_counts (type, portal_status, with_email, delta)
          values (old.type, old.portal_status, old.email is not null, -1),
                 (new.type, new.portal_status, new.email is not null, 1);
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_funnel_added after insert on client
        referencing new table as changed_clients
        for each statement execute function count_client_funnel();`);
    this.addSql(`
      create trigger client_funnel_removed after delete on client
        referencing old table as changed_clients
        for each statement execute function count_client_funnel();`);
    this.addSql(`
      create trigger client_funnel_moved after update on client for each row
        when ((old.type, old.portal_status, old.email is null)
              is distinct from (new.type, new.portal_status, new.email is null))
        execute function move_client_funnel();`);
    this.addSql(`
      insert into client_funnel_counts (type, portal_status, with_email, delta)
        select type, portal_status, email is not null, count(*) from client group by 1, 2, 3;`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop trigger client_funnel_moved on client;
      drop trigger client_funnel_removed on client;
      drop trigger client_funnel_added on client;
      drop function move_client_funnel(), count_client_funnel();
      drop table client_funnel_counts;`);
  }
}
