import type { Metadata } from "next";
import { tokenRow } from "@/app/account/tokens/rows";
import { TokenTable } from "@/app/account/tokens/token-rows";
import { listAllTokens } from "@/lib/api-tokens/manage";
import { apiTokenPermissions } from "@/lib/api-tokens/permissions";
import { requirePermission } from "@/lib/auth/current-user";
import { currentRequestContext } from "@/lib/request-context";

export const metadata: Metadata = { title: "API tokens" };

const LIMIT = 500;

export default async function AdminTokensPage() {
  const actor = await requirePermission(apiTokenPermissions.manage);
  const tokens = await listAllTokens(actor, await currentRequestContext(), LIMIT);
  return (
    <>
      <h1 className="h2 mb-1">API tokens</h1>
      <p className="text-body-secondary mb-3">
        Everyone&apos;s personal access tokens, newest first{tokens.length === LIMIT ? ` (the latest ${LIMIT})` : ""}. Revoking one stops it
        at its next request.
      </p>
      <TokenTable rows={tokens.map((t) => tokenRow(t))} showOwner />
    </>
  );
}
