import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { requestLog } from "@/lib/log";
import { problem } from "@/lib/http/problem";
import { maxRequestBodyBytes } from "@/lib/security-headers";

// Next answers 500 (and logs an error with a stack) for a server-action body over its size limit, one it
// cannot decode, and a cross-origin action call. proxy.ts runs first and turns those into the 4xx they
// deserve, logged as warnings:
//   403 for a server action posted from another origin (or `Origin: null`), the check Next makes too;
//   413 when Content-Length says the body is too large (nothing is read), or when a body without one
//       (chunked: Next itself forwards server actions to the page that owns them that way) runs past the
//       limit as it is read (Next has buffered it for the proxy anyway);
//   400 for a multipart body that does not parse, or a server-action call whose arguments are not the JSON
//       array React encodes them as.

/**
 * Plain HTTP while HTTPS is enforced: a page is redirected to HTTPS, but an API call is refused (400
 * https_required), since a redirect would have the client send its token or cookie a second time, and the first
 * already crossed the network in the clear. Health probes from an orchestrator speak plain HTTP inside the
 * cluster, so /api/health stays reachable. Null when the request may go on.
 */
export function enforceHttps(request: NextRequest, { forceHttps, appUrl }: { forceHttps: boolean; appUrl?: string }): Response | null {
  const { pathname, search } = request.nextUrl;
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  if (!forceHttps || proto !== "http" || pathname === "/api/health" || pathname.startsWith("/api/health/")) return null;
  if (pathname === "/api" || pathname.startsWith("/api/"))
    return problem(400, { code: "https_required", detail: "The API answers over HTTPS only; send the request again with https://." });
  // The configured public URL names the host when set, so a forged Host header cannot steer the redirect;
  // otherwise the requested host on the default HTTPS port.
  const host = appUrl ? new URL(appUrl).host : new URL(`http://${request.headers.get("host") ?? request.nextUrl.host}`).hostname;
  return NextResponse.redirect(`https://${host}${pathname}${search}`, 308);
}

export async function refuseBadRequest(request: NextRequest, requestId: string): Promise<Response | null> {
  if (request.method === "GET" || request.method === "HEAD") return null;
  const length = request.headers.get("content-length");
  const contentType = request.headers.get("content-type") ?? "";
  // Fetch actions carry Next-Action; a form posted without JavaScript is a multipart post to a page.
  const isAction =
    request.headers.has("next-action") || (contentType.startsWith("multipart/form-data") && !request.nextUrl.pathname.startsWith("/api/"));
  const refuse = (status: number, detail: string) => {
    requestLog(requestId).warn(
      { method: request.method, path: request.nextUrl.pathname, status, contentLength: length },
      `request refused: ${detail}`,
    );
    return problem(status, { detail, requestId });
  };

  if (isAction && isCrossOrigin(request)) return refuse(403, "Cross-origin form posts are not accepted.");
  const tooLarge =
    length === null
      ? request.body !== null && (await bytesBeyond(request.clone(), maxRequestBodyBytes))
      : Number(length) > maxRequestBodyBytes;
  if (tooLarge) return refuse(413, `The request body is larger than ${maxRequestBodyBytes} bytes.`);

  if (!contentType.startsWith("multipart/form-data") && !isAction) return null;
  const readable = await bodyIsReadable(request.clone(), contentType, request.headers.has("next-action"));
  return readable ? null : refuse(400, "The request body cannot be read.");
}

/** Whether a body without Content-Length holds more than `limit` bytes; reading stops as soon as it does. */
async function bytesBeyond(request: Request, limit: number): Promise<boolean> {
  const reader = request.body!.getReader();
  let read = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    read += chunk.value.byteLength;
    if (read > limit) {
      // Not awaited: a branch of a cloned (teed) body settles its cancel only once the other branch ends too.
      reader.cancel().catch(() => {});
      return true;
    }
  }
  return false;
}

/** As Next compares them: the Origin's host against X-Forwarded-Host or Host. No Origin: not a browser. */
function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function bodyIsReadable(request: Request, contentType: string, isFetchAction: boolean): Promise<boolean> {
  try {
    if (contentType.startsWith("multipart/form-data")) {
      const form = await request.formData();
      // React puts a fetch action's argument list in field "0"; a form posted without JavaScript has none.
      return !isFetchAction || isJsonArray(form.get("0"));
    }
    return isJsonArray(await request.text());
  } catch {
    return false;
  }
}

function isJsonArray(value: FormDataEntryValue | null): boolean {
  if (typeof value !== "string") return false;
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}
