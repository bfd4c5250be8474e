import { declarePermissions } from "@/lib/authz/declare";

export const userPermissions = declarePermissions("users", {
  // No owner rule here: people edit their own profile through lib/accounts/profile.ts, with its own rules.
  read: "See the user list and anyone's details",
  update: "Edit anyone's name, date of birth and verification",
  assign_roles: "Give and take away roles (only roles whose permissions one holds)",
  disable: "Disable, enable and unlock users",
  security: "Send reset links, sign users out everywhere, reset two-factor",
  delete: "Delete users (soft: the account closes, its audit trail stays)",
  purge: "Delete users for good, with their data",
});
