ALTER TABLE "cases" ADD COLUMN "safeguarding_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "safeguarding_flagged_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "safeguarding_flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "called_back_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_safeguarding_flagged_by_users_id_fk" FOREIGN KEY ("safeguarding_flagged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;