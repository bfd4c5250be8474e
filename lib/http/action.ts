import "server-only";
import { z } from "zod";
import { currentRequestContext, type RequestContext } from "@/lib/request-context";

// The one door for server actions that take a form: parse with the same zod schema as the form, hand the
// handler clean data and the caller's address, and return field errors in a shape the form can show.

export type ActionResult = { ok: true; message?: string } | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string };

export function validatedAction<S extends z.ZodType>(schema: S, handler: (data: z.output<S>, context: RequestContext) => Promise<ActionResult>) {
  return async (input: unknown): Promise<ActionResult> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
    return handler(parsed.data, await currentRequestContext());
  };
}

export function retryMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
