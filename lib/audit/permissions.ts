import { declarePermissions } from "@/lib/authz/declare";

export const auditPermissions = declarePermissions("audit", {
  read: "Read the audit log",
  export: "Download the audit log as CSV",
});
