import type { SqlFragment } from './sql-fragment';

/** Collects AND-ed conditions with their bound parameters for a raw list query. */
export class SqlWhere {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Adds the condition when `when` holds (e.g. the filter value was given). */
  add(when: unknown, condition: string, ...params: unknown[]): this {
    if (when) {
      this.parts.push(condition);
      this.params.push(...params);
    }
    return this;
  }

  get sql(): string {
    return this.parts.length ? `where ${this.condition}` : '';
  }

  /** The conditions without WHERE (`true` for none). */
  get condition(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }

  /** The conditions without WHERE, with their parameters. */
  get fragment(): SqlFragment {
    return { sql: this.condition, params: this.params };
  }
}
