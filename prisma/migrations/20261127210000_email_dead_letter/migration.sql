-- The outbox as an operator sees it: a dead-letter state after the last attempt, a cancelled state, and
-- the newest-first index its list pages through.
ALTER TYPE "EmailStatus" ADD VALUE 'DEAD';
ALTER TYPE "EmailStatus" ADD VALUE 'CANCELLED';

CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");
