import type { AdminTokenListing, TokenListing } from "@/lib/api-tokens/manage";
import type { TokenRow } from "./token-rows";

// Dates worded on the server, in UTC like the sessions list, so the browser's clock and zone do not matter.
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function tokenRow(token: TokenListing | AdminTokenListing, now = new Date()): TokenRow {
  return {
    id: token.id,
    name: token.name,
    visible: token.visible,
    scopes: token.scopes,
    created: when(token.createdAt),
    expires: when(token.expiresAt),
    lastUsed: token.lastUsedAt ? `${when(token.lastUsedAt)} · ${token.lastUsedIp ?? "unknown address"}` : null,
    status: token.revokedAt ? "revoked" : token.expiresAt <= now ? "expired" : "active",
    ...("owner" in token ? { ownerEmail: token.owner.email } : {}),
  };
}
