-- The audit trail is insert-only, enforced by the database itself: no UPDATE, DELETE or TRUNCATE,
-- whoever connects (the app, the users CLI, a retention job, a person with psql). Same on Postgres
-- and PGlite. docs/security.md, "Audit".
CREATE FUNCTION audit_is_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit rows are insert-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit" FOR EACH ROW EXECUTE FUNCTION audit_is_insert_only();--> statement-breakpoint
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "audit" FOR EACH STATEMENT EXECUTE FUNCTION audit_is_insert_only();
