-- AlterTable
ALTER TABLE "Permission" ADD COLUMN     "requiresTwoFactor" BOOLEAN NOT NULL DEFAULT false;

-- The permissions that existed before this flag all belong to the admin console and required two-factor by
-- their prefix: keep that true for a deployment that migrates before its next permission sync.
UPDATE "Permission" SET "requiresTwoFactor" = true
WHERE split_part("key", ':', 1) IN ('admin', 'users', 'roles', 'audit', 'email');
