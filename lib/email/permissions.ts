import { declarePermissions } from "@/lib/authz/declare";

export const emailPermissions = declarePermissions("email", {
  read: "See the outbox: every message's recipient, subject and delivery state (never its body)",
  manage: "Retry or cancel a message in the outbox",
  send: "Compose an email to chosen people or to a role, and see or cancel composed sends",
  send_all: "Compose an email to every user",
  outbox: "Read every stored email, reset and sign-in links included, at /dev/mailbox (test environments only)",
});
