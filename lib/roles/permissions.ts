import { declarePermissions } from "@/lib/authz/declare";

export const rolePermissions = declarePermissions("roles", {
  read: "See roles and what each may do",
  manage: "Create, rename and delete roles and edit their permissions",
});
