import { z } from "zod";

// Zod 4 compiles parsers with `new Function` when it can, and merely testing whether it can trips the
// browser's Content-Security-Policy (no 'unsafe-eval' here). Schemas that reach the browser import z from
// this module, which switches that off before any schema is built.
z.config({ jitless: true });

export { z };
