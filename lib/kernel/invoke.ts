import "server-only";
import { safeParse } from "zod/v4/core";
import { authorize, ForbiddenError } from "@/lib/authz";
import { done, refuse, type Outcome } from "@/lib/outcome";
import type { Operation, OperationCall } from "./operation";
import { fieldErrorsOf } from "./records/serialise";

// What the REST router and the screens' server action both do with an operation they have matched: parse its
// input with the declared schema, authorise, run the handler. Refusals of either kind come back as Outcomes,
// so each caller renders them its own way (problem+json, a form's alert).

export function parseInput(operation: Operation, raw: unknown): Outcome<unknown> {
  const parsed = safeParse(operation.input, raw);
  return parsed.success
    ? done(parsed.data)
    : refuse(422, "Some fields need attention.", { code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) });
}

export async function invoke(operation: Operation, input: unknown, call: OperationCall): Promise<Outcome<unknown>> {
  try {
    if (operation.permission) await authorize(call.actor, operation.permission, { context: call.context });
    return await operation.handler(input, call);
  } catch (error) {
    // lib/authz has audited the refusal; API clients branch on its code.
    if (error instanceof ForbiddenError) return refuse(403, "You do not have permission to do that.", { code: "forbidden" });
    throw error;
  }
}
