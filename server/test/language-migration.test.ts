import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { resolveLanguage } from '@desk/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Migration 0016 (issue 12) turns the old free-text `preferred_language` into a parent-language
 * code: cases written before it keep what was typed, and anything it cannot read is English, not
 * supported, so the desk suggests an interpreter rather than pretending.
 */

const folder = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
const files = readdirSync(folder).filter((name) => name.endsWith('.sql')).sort();
const LANGUAGE_MIGRATION = '0016_case_language.sql';

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  for (const file of files.slice(0, files.indexOf(LANGUAGE_MIGRATION))) await db.exec(readFileSync(`${folder}/${file}`, 'utf8'));
});
afterAll(() => db.close());

const LEGACY = [null, '', '  ', 'Polish', 'pl', 'PL-pl', 'ar_EG', 'urdu', 'Romanian', 'English', 'en-GB', 'Welsh', 'cy', 'Polish and English', 'Polski', 'Română', 'العربية', 'ara'];

describe('migration 0016: the case language', () => {
  it('resolves old free text as resolveLanguage does for two-letter codes and the names, and keeps the rest as asked, unsupported', async () => {
    for (const [i, typed] of LEGACY.entries()) {
      await db.query(
        `insert into cases (reference, child_first_name, child_age_months, caller_phone, caller_phone_kind, relationship, complaint, preferred_language)
         values ($1, 'A', 12, '+447700900123', 'mobile', 'Mother', 'fever', $2)`,
        [`legacy-${i}`, typed],
      );
    }
    await db.exec(readFileSync(`${folder}/${LANGUAGE_MIGRATION}`, 'utf8'));
    const { rows } = await db.query<{ reference: string; preferred_language: string; language_requested: string | null; language_supported: boolean }>(
      'select reference, preferred_language, language_requested, language_supported from cases order by reference',
    );
    const byTyped = new Map(rows.map((row) => [LEGACY[Number(row.reference.slice('legacy-'.length))], row]));
    for (const typed of LEGACY) {
      // The SQL knows two-letter codes and the names; a three-letter code is kept as asked, for the desk to read.
      const expected = typed === 'ara' ? { language: 'en', requested: 'ara', supported: false } : resolveLanguage(typed);
      expect(byTyped.get(typed), String(typed)).toEqual({
        reference: expect.any(String),
        preferred_language: expected.language,
        language_requested: expected.requested,
        language_supported: expected.supported,
      });
    }
  });

  it('makes English the default for a case created without a language', async () => {
    await db.query(
      `insert into cases (reference, child_first_name, child_age_months, caller_phone, caller_phone_kind, relationship, complaint)
       values ('after', 'A', 12, '+447700900123', 'mobile', 'Mother', 'fever')`,
    );
    const { rows } = await db.query<{ preferred_language: string; language_supported: boolean }>("select preferred_language, language_supported from cases where reference = 'after'");
    expect(rows[0]).toEqual({ preferred_language: 'en', language_supported: true });
  });
});
