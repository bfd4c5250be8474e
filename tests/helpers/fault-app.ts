import { FaultRelay, faultTestDatabase } from "./fault-relay";

// The app in this test process with its database behind a FaultRelay: the REST router (/api/v1) as Next calls
// it (each answer held to the OpenAPI document, 503 included), a person with a personal access token for projects, and a way to read the database past the relay. Call
// openFaultApp() in beforeAll, before anything imports lib/env or lib/db: the environment is read once per file.

export type Answer = { status: number; ms: number; code?: string; retryAfter: string | null; contentType: string | null; id?: string };

export type FaultApp = {
  relay: FaultRelay;
  /** A request to /api/v1 with the person's token; the answer, timed, with its problem code or created id. */
  call(method: "GET" | "POST", path: string, body?: unknown): Promise<Answer>;
  /** The ids of these projects that exist, read past the relay. */
  existing(ids: string[]): Promise<Set<string>>;
  close(): Promise<void>;
};

export const hasFaultDatabase = faultTestDatabase() !== undefined;
export const NO_DATABASE_MESSAGE = "fault tests need PostgreSQL: set TEST_DATABASE_URL (CI does)";

export async function openFaultApp(settings: Record<string, string>): Promise<FaultApp> {
  const database = faultTestDatabase();
  if (!database) throw new Error(NO_DATABASE_MESSAGE);
  const relay = new FaultRelay(database.target);
  await relay.start();
  Object.assign(process.env, settings, { DATABASE_URL: relay.urlThrough(database.url) });

  const [{ db, closeDb }, { documentedRestHandler }, { system }, { seed }, { newToken }, { PrismaClient }, { PrismaPg }] =
    await Promise.all([
      import("@/lib/db"),
      import("./openapi-validate"),
      import("@/modules"),
      import("@/lib/seed"),
      import("@/lib/api-tokens/token"),
      import("@/generated/prisma/client"),
      import("@prisma/adapter-pg"),
    ]);
  await seed(db, system, { demoUsers: false });
  const tag = `faults-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const role = await db.role.create({
    data: { name: tag, permissions: { create: ["projects:read", "projects:create"].map((key) => ({ permission: { connect: { key } } })) } },
  });
  const user = await db.user.create({
    data: {
      email: `${tag}@example.com`,
      firstName: "Fault",
      lastName: "Tester",
      emailVerified: new Date(),
      roles: { create: { roleId: role.id } },
    },
  });
  const { token, hash, visible } = newToken();
  await db.apiToken.create({
    data: {
      userId: user.id,
      name: tag,
      visible,
      hash,
      scopes: ["projects:read", "projects:create"],
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  const handler = documentedRestHandler(system);
  const direct = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 1 }) });

  return {
    relay,
    async call(method, path, body) {
      const headers: Record<string, string> = { host: "localhost", authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const url = new URL(`http://localhost/api/v1${path}`);
      const request = new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const started = performance.now();
      const response = await handler(request, { params: Promise.resolve({ path: url.pathname.split("/").slice(3) }) });
      const json = (await response.json().catch(() => ({}))) as { code?: string; id?: string };
      return {
        status: response.status,
        ms: Math.round(performance.now() - started),
        code: json.code,
        id: response.status === 201 ? json.id : undefined,
        retryAfter: response.headers.get("retry-after"),
        contentType: response.headers.get("content-type"),
      };
    },
    async existing(ids) {
      const rows = await direct.project.findMany({ where: { id: { in: ids } }, select: { id: true } });
      return new Set(rows.map((row) => row.id));
    },
    async close() {
      await closeDb();
      await direct.$disconnect();
      await relay.stop();
    },
  };
}

/**
 * Runs `workers` loops of `step` until `stop()` returns true; every answer, with when it started (ms since `t0`).
 * The caller passes the `t0` its own event marks count from: one clock, or a stall while the workers start would
 * shift every answer against the marks (CI once saw a request that ended before a fault counted as one after it).
 */
export async function load<T>(workers: number, step: (worker: number, i: number) => Promise<T>, stop: () => boolean, t0: number) {
  const answers: { at: number; answer: T }[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; !stop(); i++) {
        const at = performance.now() - t0;
        answers.push({ at, answer: await step(worker, i) });
      }
    }),
  );
  return answers;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
