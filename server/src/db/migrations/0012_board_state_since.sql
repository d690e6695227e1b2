ALTER TABLE "calls" ADD COLUMN "state_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "availability" text DEFAULT 'available' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "availability_at" timestamp with time zone;--> statement-breakpoint
-- Calls from before the column: their last write is the best guess of when they entered their state.
UPDATE "calls" SET "state_since" = "updated_at";