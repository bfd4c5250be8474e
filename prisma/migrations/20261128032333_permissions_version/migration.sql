-- CreateTable
CREATE TABLE "PermissionsVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PermissionsVersion_pkey" PRIMARY KEY ("id")
);

-- One row only: what every process compares its cached role grants against.
ALTER TABLE "PermissionsVersion" ADD CONSTRAINT "PermissionsVersion_single_row" CHECK ("id" = 1);
INSERT INTO "PermissionsVersion" ("id", "version") VALUES (1, 0);

-- Any statement that changes what a role grants (a grant given or withdrawn, a permission changed or removed)
-- moves the version inside its own transaction, so the new version commits exactly when the change does and
-- no code path (console, seed, script, hand-written SQL) can forget it. Statement-level: once per statement.
-- The body spells its semicolons \073 (an E'' string), so no tool that splits a script at semicolons (as the
-- PostgreSQL driver adapter once did for lib/migrations.ts) can cut the function in two.
CREATE FUNCTION "bump_permissions_version"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN UPDATE "PermissionsVersion" SET "version" = "version" + 1 WHERE "id" = 1\073 RETURN NULL\073 END';

CREATE TRIGGER "RolePermission_bumps_permissions_version"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RolePermission"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_permissions_version"();

CREATE TRIGGER "Permission_bumps_permissions_version"
  AFTER UPDATE OR DELETE OR TRUNCATE ON "Permission"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_permissions_version"();
