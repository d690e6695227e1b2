ALTER TABLE "invites" ADD COLUMN "browser_capability" jsonb;--> statement-breakpoint
ALTER TABLE "invites" ADD COLUMN "browser_checked_at" timestamp with time zone;