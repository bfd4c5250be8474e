import type { Metadata } from "next";
import { Link } from "@/components/link";
import { hasRecentReauthentication } from "@/lib/accounts/reauthentication";
import { listOwnTokens } from "@/lib/api-tokens/manage";
import { requireUser } from "@/lib/auth/current-user";
import { system } from "@/modules";
import { systemConfig } from "@/system.config";
import { ConfirmItsYou } from "../confirm-its-you";
import { CreateTokenForm } from "./create-token-form";
import { tokenRow } from "./rows";
import { TokenTable } from "./token-rows";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const [tokens, recentlyConfirmed] = await Promise.all([listOwnTokens(user.id), hasRecentReauthentication(user.sessionId)]);
  // Only what the person holds now can be given to a token, with the words the admin console uses.
  const held = system.permissions.filter((p) => user.permissions.has(p.key)).map(({ key, description }) => ({ key, description }));
  return (
    <div className="container py-5">
      <nav aria-label="breadcrumb">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link href="/account">Your account</Link>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            API tokens
          </li>
        </ol>
      </nav>
      <h1 className="h2 mb-1">API tokens</h1>
      <p className="text-body-secondary mb-4">
        Personal access tokens let your scripts use the API (<code>/api/v1</code>) as you, limited to the permissions you choose.
      </p>
      <div className="row g-4">
        <section className="col-lg-6" aria-labelledby="create-heading">
          <div className="card">
            <div className="card-body">
              <h2 id="create-heading" className="h5 card-title">
                New token
              </h2>
              <ConfirmItsYou recent={recentlyConfirmed} twoFactor={user.twoFactorEnabled} id="tokens" label="Create a token…">
                <CreateTokenForm permissions={held} maxDays={systemConfig.api.tokenMaxDays} />
              </ConfirmItsYou>
            </div>
          </div>
        </section>
        <section className="col-12" aria-labelledby="list-heading">
          <h2 id="list-heading" className="h5">
            Your tokens
          </h2>
          <TokenTable rows={tokens.map((t) => tokenRow(t))} />
        </section>
      </div>
    </div>
  );
}
