CREATE SEQUENCE "public"."call_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "call_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"user_id" uuid,
	"phone" text,
	"state" text NOT NULL,
	"reason" text,
	"present" boolean DEFAULT false NOT NULL,
	"endpoint" text,
	"epoch" integer DEFAULT 0 NOT NULL,
	"closing" boolean DEFAULT false NOT NULL,
	"media" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"admitted_at" timestamp with time zone,
	"deadline_kind" text,
	"deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "version" bigint DEFAULT nextval('call_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "deadline_kind" text;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "participant_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "participant_id" uuid;--> statement-breakpoint
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_participants" ADD CONSTRAINT "call_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_participants_call_idx" ON "call_participants" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_participants_host_uq" ON "call_participants" USING btree ("call_id","role") WHERE "call_participants"."role" in ('clinician', 'parent');--> statement-breakpoint
CREATE INDEX "call_participants_deadline_idx" ON "call_participants" USING btree ("deadline_at") WHERE "call_participants"."deadline_at" is not null;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_participant_id_call_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."call_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_participant_id_call_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."call_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calls_deadline_idx" ON "calls" USING btree ("deadline_at") WHERE "calls"."deadline_at" is not null;--> statement-breakpoint
-- Calls made before participants existed get theirs: the assigned clinician, and the parent if a link was sent.
INSERT INTO "call_participants" ("call_id", "role", "display_name", "user_id", "state", "admitted_at", "created_at")
  SELECT "calls"."id", 'clinician', "users"."display_name", "users"."id", CASE WHEN "calls"."state" = 'ended' THEN 'left' ELSE 'admitted' END, "calls"."created_at", "calls"."created_at"
  FROM "calls" JOIN "cases" ON "cases"."id" = "calls"."case_id" JOIN "users" ON "users"."id" = "cases"."assigned_clinician_id";--> statement-breakpoint
INSERT INTO "call_participants" ("call_id", "role", "display_name", "state", "created_at")
  SELECT "calls"."id", 'parent', "cases"."relationship", CASE WHEN "calls"."state" = 'ended' THEN 'left' ELSE 'invited' END, "calls"."created_at"
  FROM "calls" JOIN "cases" ON "cases"."id" = "calls"."case_id"
  WHERE EXISTS (SELECT 1 FROM "invites" WHERE "invites"."call_id" = "calls"."id");--> statement-breakpoint
UPDATE "invites" SET "participant_id" = "p"."id" FROM "call_participants" "p" WHERE "p"."call_id" = "invites"."call_id" AND "p"."role" = 'parent';--> statement-breakpoint
UPDATE "sessions" SET "participant_id" = "invites"."participant_id" FROM "invites" WHERE "invites"."id" = "sessions"."invite_id";--> statement-breakpoint
UPDATE "sessions" SET "kind" = 'join' WHERE "kind" = 'parent';--> statement-breakpoint
-- A call caught mid-connection by the upgrade has lost its peers: it fails as timed out (retryable without a new link).
UPDATE "calls" SET "state" = 'failed', "reason" = 'timeout' WHERE "state" IN ('admitted', 'connecting', 'connected', 'reconnecting');--> statement-breakpoint
ALTER TABLE "calls" DROP COLUMN "attempt";--> statement-breakpoint
ALTER TABLE "calls" DROP COLUMN "media_mode";