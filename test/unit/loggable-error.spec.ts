import { PostgreSqlExceptionConverter } from '@mikro-orm/postgresql';
import { DatabaseError } from 'pg';
import { loggableError } from '../../server/common/errors/loggable-error';

/** What the ORM throws when a statement fails: the pg error, its message led by the SQL. */
function failedStatement(): Error {
  const sql = `select * from client where email = 'jane.doe@example.com' and name ilike '%smi%'`;
  const pg = new DatabaseError('duplicate key value violates unique constraint', 100, 'error');
  Object.assign(pg, {
    code: '23505',
    detail: 'Key (email)=(jane.doe@example.com) already exists.',
    table: 'client',
    constraint: 'client_email_key',
    routine: '_bt_check_unique',
  });
  pg.message = `${sql} - ${pg.message}`;
  return new PostgreSqlExceptionConverter().convertException(pg);
}

describe('error logs', () => {
  it('name what failed in the database without the values it was given', () => {
    const logged = String(loggableError(failedStatement()));
    expect(logged).toContain('UniqueConstraintViolationException (SQLSTATE 23505)');
    expect(logged).toContain('table client, constraint client_email_key');
    expect(logged).toMatch(/\n\s+at /);
    expect(logged).not.toMatch(/jane\.doe|smi/);
  });

  it('leave other errors as they are', () => {
    const error = new Error('Temporal did not answer');
    expect(loggableError(error)).toBe(error);
  });
});
