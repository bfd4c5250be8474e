import { toJSONSchema, type $ZodObject } from "zod/v4/core";
import { PAGE_SIZES } from "@/lib/fields";
import type { QueryParameter } from "./operation";

/**
 * A console list's filters as OpenAPI query parameters, described from the schema that parses them. The page size
 * is listed with its allowed values, which a refinement cannot say in JSON Schema.
 */
export function listQueryParameters<S extends $ZodObject>(
  schema: S,
  descriptions: Record<keyof S["_zod"]["def"]["shape"] & string, string>,
  defaultSize: number,
): QueryParameter[] {
  const { properties = {} } = toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return Object.entries<string>(descriptions).map(([name, description]) => ({
    name,
    description,
    schema: name === "size" ? { type: "integer", enum: [...PAGE_SIZES], default: defaultSize } : (properties[name] ?? { type: "string" }),
  }));
}
