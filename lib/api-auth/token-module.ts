import { defineModule } from "@/lib/kernel/module";
import { logoutOperation, refreshOperation, tokenOperation } from "./token-operations";

const auditActions = {
  "session.refresh_reused": "API session ended for a reused refresh token",
} as const;

declare module "@/lib/kernel/registry" {
  interface Register {
    "api-sign-in": { permissions: Record<never, never>; auditActions: typeof auditActions };
  }
}

// Sign-in for programs at /api/v1/auth/*: access JWTs and rotating refresh tokens over API sessions.
export const apiSignInModule = defineModule({
  id: "api-sign-in",
  label: "API sign-in",
  auditActions,
  operations: [tokenOperation, refreshOperation, logoutOperation],
});
