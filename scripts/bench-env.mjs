import { randomBytes } from "node:crypto";

/** The environment a benchmark's `next start` runs with: production, fresh secrets, plain HTTP on loopback. */
export function benchServerEnv(databaseUrl) {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    PASSWORD_PEPPER: randomBytes(32).toString("base64"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    API_JWT_SECRET: randomBytes(32).toString("base64"),
    FORCE_HTTPS: "false",
    LOG_LEVEL: "warn",
    // Production requires a public URL; the benchmark plays the one trusted proxy that states client addresses.
    APP_URL: "http://127.0.0.1",
    TRUST_PROXY_HOPS: "1",
  };
}
