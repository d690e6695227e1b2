-- The SMS outbox becomes a queue a worker drains (docs/operations.md, "SMS"): the row is written in
-- the invite's or decision's transaction; attempts, backoff and a lease let any node send it once.
-- The body may be deleted by the retention job once the SMS has settled (the row's metadata stays).
ALTER TABLE "sms_outbox" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "secret_body" text;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "send_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "sms_outbox_due_idx" ON "sms_outbox" USING btree ("next_attempt_at") WHERE "sms_outbox"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "sms_outbox_provider_id_idx" ON "sms_outbox" USING btree ("provider_id") WHERE "sms_outbox"."provider_id" is not null;--> statement-breakpoint
-- Rows from before: a 'queued' one is an SMS whose send was cut short; the worker tries it now.
UPDATE "sms_outbox" SET "next_attempt_at" = "created_at" WHERE "status" = 'queued';--> statement-breakpoint
UPDATE "sms_outbox" SET "sent_at" = "created_at", "updated_at" = "created_at" WHERE "status" IN ('sent', 'delivered');--> statement-breakpoint
UPDATE "sms_outbox" SET "updated_at" = "created_at" WHERE "status" = 'failed';