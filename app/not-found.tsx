import type { Metadata } from "next";
import { Link } from "@/components/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="container py-5 text-center">
      <p className="display-1 fw-bold text-body-tertiary">404</p>
      <h1 className="h3">Page not found</h1>
      <p className="text-body-secondary">The page you asked for does not exist or has moved.</p>
      <Link href="/" className="btn btn-primary">
        Back to the home page
      </Link>
    </div>
  );
}
