import type { Metadata } from "next";
import { Link } from "@/components/link";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return (
    <div className="container py-5 text-center">
      <p className="display-1 fw-bold text-body-tertiary">403</p>
      <h1 className="h3">You do not have permission to see this page</h1>
      <p className="text-body-secondary">Your role does not include it. If you need it, ask an administrator.</p>
      <Link href="/" className="btn btn-primary">
        Back to the home page
      </Link>
    </div>
  );
}
