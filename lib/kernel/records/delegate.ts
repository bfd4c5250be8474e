import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Resource } from "../resource";

// The one place the records engine reaches a model by name. Prisma's delegates are generic per model; the
// engine needs only this much of them, with the declaration's where clauses built from its field names.

export type Row = Record<string, unknown> & { id: string };
export type Tx = Prisma.TransactionClient | PrismaClient;

type Args = Record<string, unknown>;
export type RecordDelegate = {
  findMany(args: Args): Promise<Row[]>;
  findFirst(args: Args): Promise<Row | null>;
  count(args: Args): Promise<number>;
  create(args: Args): Promise<Row>;
  updateMany(args: Args): Promise<{ count: number }>;
  deleteMany(args: Args): Promise<{ count: number }>;
};

export function delegate(client: Tx, resource: Resource): RecordDelegate {
  const model = (client as unknown as Record<string, RecordDelegate | undefined>)[resource.model];
  if (!model) throw new Error(`Resource ${resource.name} names model "${resource.model}", which the Prisma client does not have.`);
  return model;
}
