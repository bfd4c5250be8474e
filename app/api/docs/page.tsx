import type { Metadata } from "next";
import { ApiDocs } from "@/components/api-docs/api-docs";
import "./api-docs.css";

export const metadata: Metadata = { title: "API reference" };

// The API's reference, rendered in the browser from GET /api/v1/openapi.json (public, like the document), with
// try-it-out against this server: signed in, requests ride on the session cookie; otherwise paste a bearer token.
export default function ApiDocsPage() {
  return (
    <div className="api-docs container-fluid px-0">
      <h1 className="visually-hidden">API reference</h1>
      <ApiDocs />
    </div>
  );
}
