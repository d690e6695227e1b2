import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../src/db/client.js';
import { audit } from '../src/db/schema.js';

/** The audit trail takes inserts and refuses UPDATE, DELETE and TRUNCATE, whoever asks. */
export async function expectAuditInsertOnly(db: Db): Promise<void> {
  const [row] = await db.insert(audit).values({ actor: 'system', action: 'login_failed', subject: 'user:probe' }).returning();
  expect(row).toBeDefined();
  const refused = async (statement: Promise<unknown>) => {
    const error = (await statement.then(
      () => null,
      (e: unknown) => e,
    )) as (Error & { cause?: { code?: string; message?: string } }) | null;
    expect(error, 'the database must refuse this').not.toBeNull();
    const cause = error?.cause ?? (error as { code?: string; message?: string });
    expect(cause.code).toBe('42501');
    expect(cause.message).toMatch(/insert-only/);
  };
  await refused(db.execute(sql`update audit set actor = 'someone else' where id = ${row!.id}`));
  await refused(db.execute(sql`delete from audit where id = ${row!.id}`));
  await refused(db.execute(sql`truncate audit`));
  const [still] = await db.select({ actor: audit.actor }).from(audit).where(eq(audit.id, row!.id));
  expect(still?.actor).toBe('system');
}
