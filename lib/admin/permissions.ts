import { declarePermissions } from "@/lib/authz/declare";

export const adminPermissions = declarePermissions("admin", {
  access: "Open the admin console and its dashboard",
});
