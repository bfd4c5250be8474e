"use client";

// A render error below the root layout. In production React hands us only a digest, never the message or
// stack, so nothing internal reaches the visitor; the digest matches the server log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container py-5 text-center">
      <h1 className="h3">Something went wrong</h1>
      <p className="text-body-secondary">An unexpected error stopped this page. It has been logged.</p>
      {error.digest && <p className="small text-body-secondary">Reference: {error.digest}</p>}
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
