ALTER TABLE "cases" ADD COLUMN "language_requested" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "language_supported" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Issue 12: preferred_language was free text; it becomes a code of PARENT_LANGUAGES. What was typed is kept in language_requested; codes (with a region) and the English and own names resolve, anything else is English, not supported (the desk then suggests an interpreter).
UPDATE "cases" SET "language_requested" = left(btrim("preferred_language"), 40) WHERE btrim(coalesce("preferred_language", '')) <> '';--> statement-breakpoint
UPDATE "cases" SET "preferred_language" = CASE
  WHEN "language_requested" IS NULL THEN 'en'
  WHEN lower("language_requested") IN ('english', 'polish', 'polski', 'romanian', 'română', 'romana', 'urdu', 'اردو', 'arabic', 'العربية') THEN
    CASE WHEN lower("language_requested") = 'english' THEN 'en'
      WHEN lower("language_requested") IN ('polish', 'polski') THEN 'pl'
      WHEN lower("language_requested") IN ('romanian', 'română', 'romana') THEN 'ro'
      WHEN lower("language_requested") IN ('urdu', 'اردو') THEN 'ur'
      ELSE 'ar' END
  WHEN lower("language_requested") ~ '^(en|pl|ro|ur|ar)([-_][a-z0-9]{1,8})*$' THEN left(lower("language_requested"), 2)
  ELSE 'en'
END;--> statement-breakpoint
UPDATE "cases" SET "language_supported" = false
  WHERE "language_requested" IS NOT NULL
    AND lower("language_requested") NOT IN ('english', 'polish', 'polski', 'romanian', 'română', 'romana', 'urdu', 'اردو', 'arabic', 'العربية')
    AND lower("language_requested") !~ '^(en|pl|ro|ur|ar)([-_][a-z0-9]{1,8})*$';--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "preferred_language" SET DEFAULT 'en';--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "preferred_language" SET NOT NULL;
