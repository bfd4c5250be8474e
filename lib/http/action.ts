import "server-only";
import { z } from "zod";
import { safeParse, type $ZodType, type output } from "zod/v4/core";
import { audit, type AuditAction } from "@/lib/audit";
import { authorize, ForbiddenError, type Permission } from "@/lib/authz";
import { requireUser, type CurrentUser } from "@/lib/auth/current-user";
import { log } from "@/lib/log";
import { refuse, type Outcome, type Refusal } from "@/lib/outcome";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";
import { databaseUnavailable, isDatabaseUnavailable } from "./database-unavailable";

const FORBIDDEN_MESSAGE = "You do not have permission to do that.";

// The one door for server actions that take a form: parse with the same zod schema as the form (classic or
// zod/mini), hand the handler clean data and the caller's address, and answer an Outcome, the data layer's own
// vocabulary. A success's `value` is what the page shows once and never renders again (new recovery codes); its
// `message` is the confirmation. components/forms renders every refusal the same way.

type ActionOptions = {
  /**
   * The audit action under which input the schema refuses is recorded (the sign-in, registration and reset
   * forms: a flood of malformed posts is worth seeing). Only the failing field names are kept, never values.
   */
  auditRefusals?: AuditAction;
};

/** The schema's verdict on the input: clean data, or a 422 refusal with the field errors (audited when asked). */
async function parse<S extends $ZodType>(
  schema: S,
  input: unknown,
  options: ActionOptions,
): Promise<{ ok: true; data: output<S> } | { ok: false; refusal: Refusal }> {
  const parsed = safeParse(schema, input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  if (options.auditRefusals) {
    await audit({
      action: options.auditRefusals,
      context: await currentRequestContext(),
      details: { reason: "invalid_input", fields: Object.keys(fieldErrors) },
    });
  }
  return { ok: false, refusal: refuse(422, "Check the highlighted fields.", { code: "invalid_input", fieldErrors }) };
}

/**
 * Runs the handler; a ForbiddenError (lib/authz already audited it) becomes a 403 refusal, and a database that is
 * down or too slow a 503 one the form shows ("try again"), not Next's error page. Anything else (a redirect) goes on.
 */
async function asRefusal<T>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForbiddenError) return refuse(403, FORBIDDEN_MESSAGE, { code: "forbidden" });
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: error }, "server action: database unavailable");
      return databaseUnavailable();
    }
    throw error;
  }
}

export function validatedAction<S extends $ZodType, T = undefined>(
  schema: S,
  handler: (data: output<S>, context: RequestContext) => Promise<Outcome<T>>,
  options: ActionOptions = {},
) {
  return async (input: unknown): Promise<Outcome<T>> => {
    return asRefusal(async () => {
      const parsed = await parse(schema, input, options);
      if (!parsed.ok) return parsed.refusal;
      return handler(parsed.data, await currentRequestContext());
    });
  };
}

/** What an action for signed-in people gets besides its data. `actor` and `user` are the same person: lib calls authorise the actor. */
export type ActionCaller = { actor: CurrentUser; user: CurrentUser; context: RequestContext };

/**
 * validatedAction for signed-in people. The caller is looked up first, so someone signed out (or owing a
 * two-factor step) is redirected as requireUser does for pages whatever they posted, and handed to the
 * handler: no action looks itself up. `permission`, when given, must be held (else a 403 refusal).
 * `duringEnrolment` admits someone a role obliges to set up two-factor first (the set-up page's actions only).
 */
export function actionWithUser<S extends $ZodType, T = undefined>(
  schema: S,
  handler: (data: output<S>, caller: ActionCaller) => Promise<Outcome<T>>,
  options: ActionOptions & { permission?: Permission; duringEnrolment?: boolean } = {},
) {
  return async (input: unknown): Promise<Outcome<T>> => {
    return asRefusal(async () => {
      const user = await requireUser({ duringEnrolment: options.duringEnrolment });
      const parsed = await parse(schema, input, options);
      if (!parsed.ok) return parsed.refusal;
      const context = await currentRequestContext();
      if (options.permission) await authorize(user, options.permission, { context });
      return handler(parsed.data, { actor: user, user, context });
    });
  };
}
