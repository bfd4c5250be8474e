import "server-only";
import { z } from "zod";
import { audit, type AuditAction } from "@/lib/audit";
import { ForbiddenError } from "@/lib/authz";
import type { Outcome } from "@/lib/outcome";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";

export const FORBIDDEN_MESSAGE = "You do not have permission to do that.";

// The one door for server actions that take a form: parse with the same zod schema as the form, hand the
// handler clean data and the caller's address, and return field errors in a shape the form can show.

/** `data` carries what the page shows once and never renders again (new recovery codes). */
export type ActionResult<T = undefined> =
  { ok: true; message?: string; data?: T } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };

/**
 * `auditRefusals` names the audit action under which input the schema refuses is recorded (the sign-in, registration
 * and reset forms: a flood of malformed posts is worth seeing). Only the failing field names are kept, never values.
 */
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  handler: (data: z.output<S>, context: RequestContext) => Promise<ActionResult<T>>,
  options: { auditRefusals?: AuditAction } = {},
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      if (options.auditRefusals) {
        await audit({
          action: options.auditRefusals,
          context: await currentRequestContext(),
          details: { reason: "invalid_input", fields: Object.keys(fieldErrors) },
        });
      }
      return { ok: false, fieldErrors };
    }
    try {
      return await handler(parsed.data, await currentRequestContext());
    } catch (error) {
      // lib/authz already audited the refusal.
      if (error instanceof ForbiddenError) return { ok: false, formError: FORBIDDEN_MESSAGE };
      throw error;
    }
  };
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** A data-access outcome as a form's result. */
export function fromOutcome(outcome: Outcome<unknown>, message: string): ActionResult {
  return outcome.ok ? { ok: true, message } : { ok: false, formError: outcome.message, fieldErrors: outcome.fieldErrors };
}
