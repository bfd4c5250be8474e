import { defineConfig } from "vitest/config";

// `npm run test:scale-out`: production server processes on the `.next` build (tests/scale-out), apart from `npm test`,
// which they would slow down and which needs no build. One file at a time: they use the same ports.
export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/scale-out/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
