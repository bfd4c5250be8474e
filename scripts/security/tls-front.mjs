// The security suite's HTTPS front (scripts/ci-security.sh): TLS on a loopback port, plain HTTP to the app behind
// it with X-Forwarded-Proto: https, as a load balancer does. The certificate is self-signed, made per run.
//   node tls-front.mjs <listenPort> <appPort> <key.pem> <cert.pem>
// SECURITY_SUITE_WEAKEN=1 exists only here, never in the app: the front then strips the CSP's nonce and
// 'strict-dynamic' and drops HSTS, X-Frame-Options and X-Content-Type-Options, so the suite's own red run shows
// that each gate (Observatory, CSP Evaluator, wapiti) fails on a weaker envelope.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";

const [listen, target, key, cert] = process.argv.slice(2);
const weaken = process.env.SECURITY_SUITE_WEAKEN === "1";

function weakened(headers) {
  const copy = { ...headers };
  for (const name of ["strict-transport-security", "x-frame-options", "x-content-type-options"]) delete copy[name];
  if (copy["content-security-policy"])
    copy["content-security-policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline' http: https:; object-src *";
  return copy;
}

https
  .createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (request, response) => {
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: Number(target),
        path: request.url,
        method: request.method,
        headers: { ...request.headers, "x-forwarded-proto": "https", "x-forwarded-host": request.headers.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, weaken ? weakened(answer.headers) : answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  })
  .listen(Number(listen), "127.0.0.1", () => console.log(`TLS front on https://localhost:${listen} → 127.0.0.1:${target}`));
