import Link from "next/link";
import { NavbarCollapse } from "./navbar-collapse";
import { ThemeToggle } from "./theme-toggle";

export type NavLink = { href: string; label: string };

type Props = { name: string; links: NavLink[]; themeToggle: boolean };

// A server component with Bootstrap's navbar markup; only the phone-size menu toggle runs in the browser.
export function SiteNavbar({ name, links, themeToggle }: Props) {
  return (
    <nav className="navbar navbar-expand-md navbar-dark brand-surface" aria-label="Main">
      <div className="container">
        <Link href="/" className="navbar-brand fw-semibold">
          {name}
        </Link>
        <NavbarCollapse id="main-navbar">
          <ul className="navbar-nav me-auto">
            {links.map((link) => (
              <li className="nav-item" key={link.href}>
                <Link href={link.href} className="nav-link">
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
          {themeToggle && <ThemeToggle />}
        </NavbarCollapse>
      </div>
    </nav>
  );
}
