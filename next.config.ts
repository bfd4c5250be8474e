import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security-headers";

const production = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `NEXT_OUTPUT=standalone npm run build` makes the self-contained server the Dockerfile copies.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Loaded from node_modules at run time: they read their own .wasm/.data files or start worker threads.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pino-roll", "@prisma/schema-engine-wasm"],
  async headers() {
    const headers = Object.entries(staticSecurityHeaders({ production })).map(([key, value]) => ({ key, value }));
    return [{ source: "/:path*", headers }];
  },
};

export default nextConfig;
