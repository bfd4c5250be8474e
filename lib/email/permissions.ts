import { declarePermissions } from "@/lib/authz/declare";

export const emailPermissions = declarePermissions("email", {
  outbox: "Read every stored email, reset and sign-in links included, at /dev/mailbox (test environments only)",
});
