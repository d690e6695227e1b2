ALTER TABLE "decisions" ADD COLUMN "amendment_reason" text;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "decision_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD CONSTRAINT "sms_outbox_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_supersedes_uq" ON "decisions" USING btree ("supersedes_id");