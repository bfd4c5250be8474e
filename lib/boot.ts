import "server-only";

// Server start-up (Node runtime), called once from instrumentation.ts: validate the environment (a bad deploy
// stops here, naming each bad variable, instead of answering 500s), install graceful shutdown, and start
// the email retry loop.
export async function boot(): Promise<void> {
  try {
    await import("./env");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { installShutdownHandlers } = await import("./shutdown");
  installShutdownHandlers();
  const { startEmailRetryLoop } = await import("./email");
  startEmailRetryLoop();
  const { warmPasswordEstimator } = await import("./accounts/password-policy");
  setTimeout(warmPasswordEstimator, 0);
}
