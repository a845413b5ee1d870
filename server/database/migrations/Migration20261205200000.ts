import { Migration } from '@mikro-orm/migrations';

/**
 * Each worker process records every few seconds that it is alive and polling: health trusts
 * this proof, not Temporal's poller list, which keeps a frozen worker for minutes.
 */
export class Migration20261205200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table worker_heartbeat (
        worker_id uuid primary key,
        task_queue text not null,
        host text not null,
        pid integer not null,
        started_at timestamptz not null default now(),
        beat_at timestamptz not null default now()
      );`);
    this.addSql(
      `create index worker_heartbeat_queue_idx on worker_heartbeat (task_queue, beat_at desc);`,
    );
  }
}
