// Scripts run outside Next, so load .env files the way Next does before anything reads process.env.
// Import this first: ES modules evaluate imports in order.
import nextEnv from "@next/env"; // a CommonJS bundle: only its default export is visible to ESM

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV === "development");
