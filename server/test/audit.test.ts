import { describe, it } from 'vitest';
import { expectAuditInsertOnly } from './audit-checks.js';
import { freshDatabase } from './harness.js';

describe('the audit table (PGlite)', () => {
  it('is insert-only, enforced by the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const database = await freshDatabase();
    try {
      await expectAuditInsertOnly(database.db);
    } finally {
      await database.close();
    }
  });
});
