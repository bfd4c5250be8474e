import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import { systemConfig } from "@/system.config";
import { env } from "./env";

// One JSON logger for the whole server. Secrets never reach a log line: redaction runs before
// serialisation, so a careless `log.info({ body })` still prints "[redacted]".
const secretKeys = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "authorization",
  "cookie",
];
const redactPaths = [...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), 'headers["set-cookie"]', '*.headers["set-cookie"]'];

function destination(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: false });
  if (!env.LOG_FILE) return stdout;
  // pino-roll runs in pino's worker thread, so rotation and file I/O stay off the request path.
  const file = pino.transport({
    target: "pino-roll",
    options: { file: env.LOG_FILE, size: env.LOG_FILE_MAX_BYTES, limit: { count: env.LOG_FILE_KEEP }, mkdir: true },
  });
  return pino.multistream([{ stream: stdout }, { stream: file }]);
}

export function createLogger(stream: DestinationStream, level: string = env.LOG_LEVEL): Logger {
  return pino(
    {
      level,
      base: { service: systemConfig.shortName, pid: process.pid },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
}

// One logger per process, kept across dev hot reloads (each reload would otherwise add a worker thread).
const globalForLog = globalThis as unknown as { appLog?: Logger };
export const log: Logger = (globalForLog.appLog ??= createLogger(destination()));

/** A child logger that stamps every line with the request's id (set by proxy.ts). */
export function requestLog(requestId: string | null | undefined): Logger {
  return requestId ? log.child({ requestId }) : log;
}
