import "server-only";
import { z } from "zod";
import { ForbiddenError } from "@/lib/authz";
import type { Outcome } from "@/lib/outcome";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";

export const FORBIDDEN_MESSAGE = "You do not have permission to do that.";

// The one door for server actions that take a form: parse with the same zod schema as the form, hand the
// handler clean data and the caller's address, and return field errors in a shape the form can show.

/** `data` carries what the page shows once and never renders again (new recovery codes). */
export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };

export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  handler: (data: z.output<S>, context: RequestContext) => Promise<ActionResult<T>>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
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
