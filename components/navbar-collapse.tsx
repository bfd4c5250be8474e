"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";

// Bootstrap's responsive navbar needs only a class toggled on small screens: a few lines here instead of
// react-bootstrap's Navbar (12 KB gzip of first-load JavaScript). The menu closes when the route changes.
export function NavbarCollapse({ id, children }: { id: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn !== null && openOn === pathname;

  return (
    <>
      <button
        type="button"
        className={`navbar-toggler${open ? "" : " collapsed"}`}
        aria-controls={id}
        aria-expanded={open}
        aria-label="Toggle navigation"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        <span className="navbar-toggler-icon" />
      </button>
      <div className={`collapse navbar-collapse${open ? " show" : ""}`} id={id}>
        {children}
      </div>
    </>
  );
}
