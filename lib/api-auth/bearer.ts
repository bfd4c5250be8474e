import "server-only";
import { verifyApiToken } from "@/lib/api-tokens/verify";
import type { CurrentUser } from "@/lib/auth/current-user";
import { refuse, type Outcome } from "@/lib/outcome";
import type { RequestContext } from "@/lib/request-context";
import { verifyAccessToken } from "./jwt";

// `Authorization: Bearer <token>` on /api/v1. Each verifier recognises its own kind of token (a personal access
// token by its prefix, an access JWT by its shape) and answers the caller or a refusal, or null when the token
// is not its kind. A request that carries a bearer token is judged by it alone: its cookie is never looked at.

export type ApiCaller = { actor: CurrentUser; via: "token" | "jwt"; tokenId: string };
export type BearerVerifier = (token: string, context: RequestContext) => Promise<Outcome<ApiCaller> | null>;

const verifiers: readonly BearerVerifier[] = [verifyApiToken, verifyAccessToken];

export async function authenticateBearer(token: string, context: RequestContext): Promise<Outcome<ApiCaller>> {
  for (const verify of verifiers) {
    const outcome = await verify(token, context);
    if (outcome) return outcome;
  }
  return refuse(401, "That token is not valid.", { code: "invalid_token" });
}
