"use client";

import { Link } from "@/components/link";
import { usePathname } from "next/navigation";

/** A console section link that shows (and tells screen readers) which section is open. */
export function AdminNavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const current = href === "/admin" ? pathname === href : pathname.startsWith(href);
  return (
    <Link href={href} className={`nav-link${current ? " active" : ""}`} aria-current={current ? "page" : undefined}>
      {label}
    </Link>
  );
}
