/** The role that administers the system: it keeps every permission, and at least one active member. */
export const ADMIN_ROLE = "admin";
