"use server";

import { refresh } from "next/cache";
import { currentSession } from "@/lib/auth/current-user";
import { invoke, parseInput } from "@/lib/kernel/invoke";
import { operationsOf } from "@/lib/kernel/operations-index";
import { refuse, type Outcome } from "@/lib/outcome";
import { currentRequestContext } from "@/lib/request-context";
import { system } from "@/modules";

// The one server action behind the record screens: any declared operation, with the same checks in the same
// order as the REST router (lib/kernel/rest.ts), answering an Outcome the screens render. Exports stream a
// file, which an action cannot answer: the screens post a form to /api/v1/<name>/export instead.

export async function runOperation(
  operationId: string,
  input: unknown,
  expectedVersion?: number,
  options: { refresh?: boolean } = {},
): Promise<Outcome<unknown>> {
  const operation = typeof operationId === "string" ? operationsOf(system).get(operationId) : undefined;
  // Exports stream (a form POST to the API serves them); operations without a caller are for programs.
  if (!operation || operationId.endsWith(".export") || operation.authentication === "none")
    return refuse(404, "There is no such operation.", { code: "no_operation" });
  const session = await currentSession();
  if (session.stage !== "active") return refuse(401, "Your session has ended. Sign in again.");
  if (expectedVersion !== undefined && !(Number.isInteger(expectedVersion) && expectedVersion > 0))
    return refuse(412, "That version of the record is not valid.", { code: "version_conflict" });
  const parsed = parseInput(operation, input);
  if (!parsed.ok) return parsed;
  const outcome = await invoke(operation, parsed.value, {
    actor: session.user,
    context: await currentRequestContext(),
    expectedVersion: operation.versioned ? expectedVersion : undefined,
  });
  // A change re-renders the page it came from in the same response, so the screen settles on the saved data
  // (unless the caller is leaving it: a deleted record's own page would answer 404).
  if (outcome.ok && operation.method !== "GET" && options.refresh !== false) refresh();
  return outcome;
}
