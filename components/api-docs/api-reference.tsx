"use client";

// First: Scalar validates its configuration with zod, whose eval probe the nonce CSP would report.
import "@/components/records/zod-jitless";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

// Everything from this server (the CSP allows 'self' only): no web fonts from Scalar's CDN, no telemetry, and no
// agent chat, which would search Scalar's API registry through proxy.scalar.com.
const configuration = {
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: "never" as const,
  hideDarkModeToggle: true,
  documentDownloadType: "json" as const,
  persistAuth: false,
  agent: { disabled: true },
};

export default function ApiReference() {
  return <ApiReferenceReact configuration={configuration} />;
}
