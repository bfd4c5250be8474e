import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Liveness: the process answers. Deliberately touches nothing else, so a database outage never restarts it. */
export const GET = route(() => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }));
