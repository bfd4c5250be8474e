import { declarePermissions } from "@/lib/authz/declare";

// Everyone manages their own tokens (no permission needed); this one reaches everybody's.
export const apiTokenPermissions = declarePermissions("api-tokens", {
  manage: "See and revoke anyone's API tokens",
});
