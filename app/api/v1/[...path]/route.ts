import { restHandler } from "@/lib/kernel/rest";
import { system } from "@/modules";

// Every module's operations at /api/v1 (and the OpenAPI document at /api/v1/openapi.json); OPTIONS answers CORS preflights.
const handler = restHandler(system);

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE, handler as OPTIONS };
