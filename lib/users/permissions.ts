import { declarePermissions } from "@/lib/authz/declare";

export const userPermissions = declarePermissions("users", {
  read: { description: "See the user list and anyone's details", ownerMay: true },
  update: { description: "Edit anyone's name, date of birth and verification", ownerMay: true },
  assign_roles: "Give and take away roles (only roles whose permissions one holds)",
  disable: "Disable, enable and unlock users",
  security: "Send reset links, sign users out everywhere, reset two-factor",
  delete: "Delete users (soft: the account closes, its audit trail stays)",
  purge: "Delete users for good, with their data",
});
