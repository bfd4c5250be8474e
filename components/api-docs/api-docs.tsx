"use client";

import dynamic from "next/dynamic";

// Scalar (a Vue app, ~1 MB) is fetched only here and only in the browser, so no other page's first load grows.
const ApiReference = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => (
    <p className="container py-5 text-body-secondary" role="status">
      Loading the API reference…
    </p>
  ),
});

export function ApiDocs() {
  return <ApiReference />;
}
