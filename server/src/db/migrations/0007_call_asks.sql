CREATE TABLE "call_asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"request" jsonb NOT NULL,
	"state" text NOT NULL,
	"asked_by" uuid NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"timer_started_at" timestamp with time zone,
	"timer_duration_ms" integer
);
--> statement-breakpoint
ALTER TABLE "call_asks" ADD CONSTRAINT "call_asks_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_asks" ADD CONSTRAINT "call_asks_asked_by_call_participants_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."call_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_asks_call_idx" ON "call_asks" USING btree ("call_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "call_asks_one_current_uq" ON "call_asks" USING btree ("call_id") WHERE "call_asks"."state" <> 'closed';