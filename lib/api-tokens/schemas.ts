import { z } from "zod/mini";
import { systemConfig } from "@/system.config";

// Parsed by the server actions of /account/tokens, whose forms show the verdict next to each field.

const { tokenMaxDays } = systemConfig.api;

// Plain characters only: a NUL or other odd character would otherwise reach the database and fail there.
const id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9_-]+$/i, "That id is not valid."));
const tokenNameField = z.string().check(z.trim(), z.minLength(1, "Give the token a name."), z.maxLength(80, "At most 80 characters."));

export const createTokenSchema = z.object({
  name: tokenNameField,
  scopes: z
    .array(z.string().check(z.maxLength(100)))
    .check(z.minLength(1, "Choose at least one permission."), z.maxLength(200, "Too many permissions.")),
  expiresInDays: z
    .int("A whole number of days.")
    .check(z.minimum(1, "At least 1 day."), z.maximum(tokenMaxDays, `At most ${tokenMaxDays} days.`)),
});
export const renameTokenSchema = z.object({ id, name: tokenNameField });
export const revokeTokenSchema = z.object({ id });
