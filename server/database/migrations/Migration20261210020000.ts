import { Migration } from '@mikro-orm/migrations';

/**
 * A client's tags as an array on the client row (`tag_ids`), with a GIN index, kept by
 * triggers on client_tag (which stays the record of who tagged what). The client list filters
 * by tags with it: a walk checks a column instead of looking up client_tag for every row (3
 * to 10 µs each), and a tag intersects the other filters as a bitmap (a term, a status, other
 * tags), so "Payroll and VIP" or "smi" with a tag fetch only their matches, not every client
 * of a tag (118,000 at a million clients). An import writes the array with the client, so the
 * triggers find nothing to change for the clients it creates.
 *
 * The triggers change the array relative to the row as it is when they update it, so two
 * transactions tagging one client at once both keep their tag (the second waits for the
 * first's row lock and then applies its change to the first's result).
 */
export class Migration20261210020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table client add column tag_ids uuid[] not null default '{}';`);
    this.addSql(`
      update client c set tag_ids = t.ids
      from (select client_id, array_agg(tag_id order by tag_id) as ids from client_tag group by client_id) t
      where t.client_id = c.id;`);
    this.addSql(`create index client_tag_ids_idx on client using gin (tag_ids);`);
    this.addSql(`
      create function add_client_tag_ids() returns trigger language plpgsql as $$
      begin
        update client c set tag_ids = array(select distinct unnest(c.tag_ids || a.ids) order by 1)
          from (select client_id, array_agg(tag_id) as ids from added_tags group by client_id) a
          where c.id = a.client_id and not c.tag_ids @> a.ids;
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_tag_add_ids after insert on client_tag
        referencing new table as added_tags
        for each statement execute function add_client_tag_ids();`);
    this.addSql(`
      create function remove_client_tag_ids() returns trigger language plpgsql as $$
      begin
        update client c set tag_ids = array(select x from unnest(c.tag_ids) x where x <> all(r.ids) order by 1)
          from (select client_id, array_agg(tag_id) as ids from removed_tags group by client_id) r
          where c.id = r.client_id and c.tag_ids && r.ids;
        return null;
      end $$;`);
    this.addSql(`
      create trigger client_tag_remove_ids after delete on client_tag
        referencing old table as removed_tags
        for each statement execute function remove_client_tag_ids();`);
    // Links are added and removed, never changed; a change would leave the arrays wrong.
    this.addSql(`
      create function forbid_client_tag_update() returns trigger language plpgsql as $$
      begin
        raise exception 'client_tag rows are added or removed, not changed';
      end $$;`);
    this.addSql(`
      create trigger client_tag_no_update before update on client_tag
        for each statement execute function forbid_client_tag_update();`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      drop trigger client_tag_no_update on client_tag;
      drop trigger client_tag_remove_ids on client_tag;
      drop trigger client_tag_add_ids on client_tag;
      drop function forbid_client_tag_update(), remove_client_tag_ids(), add_client_tag_ids();
      alter table client drop column tag_ids;`);
  }
}
