import type { NextConfig } from "next";
import { maxRequestBodyBytes, staticSecurityHeaders } from "./lib/security-headers";

const production = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // `NEXT_OUTPUT=standalone npm run build` makes the self-contained server the Dockerfile copies.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // forbidden() and app/forbidden.tsx: a real 403 page when a signed-in user lacks a permission.
  // The action body limit is the one proxy.ts enforces for every request (413 there instead of Next's 500).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: maxRequestBodyBytes } },
  // Loaded from node_modules at run time: they read their own .wasm/.data files, start worker threads, or
  // (bcryptjs) are required by one.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino", "pino-roll", "@prisma/schema-engine-wasm", "bcryptjs"],
  async headers() {
    const headers = Object.entries(staticSecurityHeaders({ production })).map(([key, value]) => ({ key, value }));
    const framable = headers.map((header) => (header.key === "X-Frame-Options" ? { key: header.key, value: "SAMEORIGIN" } : header));
    return [
      { source: "/((?!dev/(?:mailbox|emails)/[^/]+/html$|admin/emails/preview$).*)", headers },
      // A stored email (dev mailbox) or a sample one (/dev/emails), shown in a sandboxed frame on its page.
      { source: "/dev/mailbox/:id/html", headers: framable },
      { source: "/dev/emails/:template/html", headers: framable },
      // The compose page's preview of the email being written.
      { source: "/admin/emails/preview", headers: framable },
    ];
  },
};

export default nextConfig;
