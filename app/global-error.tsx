"use client";

import "bootstrap/dist/css/bootstrap.min.css";

// The root layout itself failed: this replaces the whole document, so it brings its own <html> and styles.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="d-flex align-items-center min-vh-100">
        <main className="container text-center">
          <h1 className="h3">Something went wrong</h1>
          <p className="text-body-secondary">The application failed to load. It has been logged.</p>
          {error.digest && <p className="small text-body-secondary">Reference: {error.digest}</p>}
          <button type="button" className="btn btn-primary" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
