import { z } from "zod/mini";

// Zod compiles object parsers with `new Function` when it can, and merely testing whether it can trips the
// nonce CSP (no 'unsafe-eval'). The record forms import this before any schema parses in the browser.
z.config({ jitless: true });
