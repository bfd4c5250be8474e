import "server-only";

/** A backup or restore that cannot go on, with the message the command prints and the exit code it ends with. */
export class BackupError extends Error {
  constructor(
    message: string,
    /** 2 for a refusal that --force overrides, 1 for anything else. */
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
