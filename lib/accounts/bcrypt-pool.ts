import "server-only";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import bcrypt from "bcryptjs";
import { log } from "@/lib/log";

// bcryptjs is pure JavaScript: even its async API burns the server's one JavaScript thread, so ten
// concurrent sign-ins would stall every other request. These workers run it on the other cores instead.

const workerSource = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", ({ id, op, a, b }) => {
  try {
    parentPort.postMessage({ id, value: op === "hash" ? bcrypt.hashSync(a, b) : bcrypt.compareSync(a, b) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});`;

type Job = { resolve: (value: string | boolean) => void; reject: (error: Error) => void; worker: Worker };
type Pool = { workers: Worker[]; jobs: Map<number, Job>; next: number };

const globalForPool = globalThis as unknown as { bcryptPool?: Pool | null };

function pool(): Pool | null {
  if (globalForPool.bcryptPool !== undefined) return globalForPool.bcryptPool;
  try {
    const jobs = new Map<number, Job>();
    // One worker per core: a sign-in spends its time in bcrypt, and the main thread only waits meanwhile.
    const size = availableParallelism();
    const workers = Array.from({ length: size }, () => {
      const worker = new Worker(workerSource, { eval: true });
      worker.on("message", ({ id, value, error }: { id: number; value?: string | boolean; error?: string }) => {
        const job = jobs.get(id);
        jobs.delete(id);
        if (![...jobs.values()].some((other) => other.worker === worker)) worker.unref();
        if (error !== undefined) job?.reject(new Error(error));
        else job?.resolve(value!);
      });
      worker.on("error", (error) => log.error({ err: error }, "bcrypt worker failed"));
      // An idle worker never keeps a stopping process alive; busy ones are ref'd below. After the listeners:
      // adding one refs the worker's port again, which kept scripts (admin:create) from exiting.
      worker.unref();
      return worker;
    });
    globalForPool.bcryptPool = { workers, jobs, next: 0 };
  } catch (error) {
    log.warn({ err: error }, "bcrypt workers unavailable; hashing on the main thread");
    globalForPool.bcryptPool = null;
  }
  return globalForPool.bcryptPool;
}

function run<T extends string | boolean>(op: "hash" | "compare", a: string, b: string | number): Promise<T> {
  const current = pool();
  if (!current) return (op === "hash" ? bcrypt.hash(a, b as number) : bcrypt.compare(a, b as string)) as Promise<T>;
  const id = current.next++;
  const worker = current.workers[id % current.workers.length]!;
  return new Promise<T>((resolve, reject) => {
    current.jobs.set(id, { resolve: resolve as Job["resolve"], reject, worker });
    worker.ref();
    worker.postMessage({ id, op, a, b });
  });
}

export const bcryptHash = (data: string, cost: number) => run<string>("hash", data, cost);
export const bcryptCompare = (data: string, hash: string) => run<boolean>("compare", data, hash);
