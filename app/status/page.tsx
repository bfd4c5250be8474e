import type { Metadata } from "next";
import { adminPermissions } from "@/lib/admin/permissions";
import { currentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { checkHealth } from "@/lib/health";

export const metadata: Metadata = { title: "System status" };

export default async function StatusPage() {
  const health = await checkHealth();
  const ok = health.status === "ok";
  // Version, uptime and database type help an attacker pick an exploit: visitors see the status alone.
  const detailed = can(await currentUser(), adminPermissions.access);
  return (
    <div className="container py-5">
      <h1 className="h2 mb-4">System status</h1>
      <div className={`alert ${ok ? "alert-success" : "alert-danger"}`} role="status">
        {ok ? "All systems operational." : "The database is not answering; some features are unavailable."}
      </div>
      {detailed && (
        <dl className="row col-lg-6">
          <dt className="col-6">Database</dt>
          <dd className="col-6">
            {health.database.kind === "pglite" ? "Embedded (PGlite)" : "PostgreSQL"} ·{" "}
            {health.database.status === "ok" ? `${health.database.latencyMs} ms round trip` : "unreachable"}
          </dd>
          <dt className="col-6">Version</dt>
          <dd className="col-6">{health.version}</dd>
          <dt className="col-6">Up for</dt>
          <dd className="col-6">{formatUptime(health.uptimeSeconds)}</dd>
        </dl>
      )}
      <p className="small text-body-secondary">
        Machine-readable: <code>GET /api/health</code>, <code>/api/health/live</code> and <code>/api/health/ready</code>.
      </p>
    </div>
  );
}

function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min` : `${seconds} s`;
}
