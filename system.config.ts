// The one place that names and brands the system. Renaming a fork means editing this file only:
// page titles, the navbar, the footer, emails and the API docs all read it.
export const systemConfig = {
  name: "Cornerstone",
  shortName: "Cornerstone",
  tagline: "A secure, modular foundation for business systems.",
  description:
    "Accounts, two-factor login, roles and permissions, an admin console, a typed REST API, records and email, secure by default.",
  supportEmail: "support@example.com",
  /** Public base URL; deployments override it with APP_URL. */
  url: process.env.APP_URL || "http://localhost:3000",
  /** Brand colour: browser UI (theme-color) and the navbar. */
  themeColor: "#1f4e79",
  accounts: {
    /** NIST SP 800-63B-4 asks for 15 when a password is the only factor; lower it only with 2FA enforced. */
    passwordMinLength: 15,
    /** The lowest strength score (zxcvbn, 0–4) a new password may have: 3 is what the meter calls "Strong". */
    passwordMinScore: 3,
    minimumAge: 16,
    /** Sessions end after this long without a request… */
    idleTimeoutMinutes: 30,
    /** …and after this long in any case ("remember me" stretches it to rememberMeDays). */
    absoluteTimeoutHours: 8,
    rememberMeDays: 30,
    /** Wrong passwords in a row that lock sign-in, and for how long. */
    maxFailedLogins: 5,
    lockoutMinutes: 15,
    /** How long a password or code given again counts before two-factor, email or session changes. */
    reauthenticationMinutes: 10,
    twoFactor: {
      /**
       * Anyone holding a permission of the admin console must turn on two-factor sign-in before they can use
       * anything else (lib/two-factor/policy.ts); members of these roles must too, whatever they hold.
       */
      requiredForRoles: ["admin"] as readonly string[],
      /** Wrong codes in a row at sign-in that lock it (for lockoutMinutes), like wrong passwords. */
      maxFailedCodes: 5,
      /** How long the half-signed-in state after the password waits for the code. */
      challengeMinutes: 10,
    },
  },
  api: {
    /**
     * /api/v1 rate limits (lib/rate-limit.ts): each signed-in caller (per person, and per token when it uses one),
     * and each client address for calls without a caller (program sign-in, refused credentials).
     */
    rateLimits: {
      perCaller: { limit: 600, windowSeconds: 60 },
      perAddress: { limit: 60, windowSeconds: 60 },
    },
    /** How long an Idempotency-Key's first answer is kept for retries. */
    idempotencyKeyHours: 24,
    /**
     * Personal access tokens start with this and an underscore, so secret scanners can recognise a leaked one
     * (register the pattern with them). Changing it voids every token issued under the old prefix.
     */
    tokenPrefix: "cst",
    /** The longest a personal access token may live; a person picks 1 to this many days. */
    tokenMaxDays: 365,
  },
  /** Feature switches: each later feature (registration, API docs…) adds its own here. */
  features: {
    themeToggle: true,
  },
} as const;
