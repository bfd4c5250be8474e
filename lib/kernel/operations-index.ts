import "server-only";
import type { Operation } from "./operation";
import { recordOperations } from "./records/operations";
import type { System } from "./registry";

const cache = new WeakMap<System, ReadonlyMap<string, Operation>>();

/** Every operation of the system by id: the modules' own and each resource's record operations. */
export function operationsOf(system: System): ReadonlyMap<string, Operation> {
  let operations = cache.get(system);
  if (!operations) {
    const all = [...system.resources.flatMap(recordOperations), ...system.operations];
    operations = new Map(all.map((operation) => [operation.id, operation]));
    if (operations.size !== all.length) throw new Error("Two operations share an id.");
    cache.set(system, operations);
  }
  return operations;
}
