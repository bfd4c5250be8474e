// Integration tests run the data layer on an in-memory PGlite by default, and on PostgreSQL when
// TEST_DATABASE_URL names a (throwaway) database.
if (process.env.TEST_DATABASE_URL) process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
else delete process.env.DATABASE_URL;
// Expected errors (a handler made to throw) would otherwise fill the output; LOG_LEVEL=debug shows all.
process.env.LOG_LEVEL ??= "silent";
