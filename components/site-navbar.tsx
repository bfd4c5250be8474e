import { Link } from "@/components/link";
import { logoutAction } from "@/lib/auth/sign-out-action";
import { NavbarCollapse } from "./navbar-collapse";
import { ThemeToggle } from "./theme-toggle";

type NavLink = { href: string; label: string };

type Props = { name: string; links: NavLink[]; themeToggle: boolean; user: { firstName: string } | null };

// A server component with Bootstrap's navbar markup; only the phone-size menu toggle runs in the browser.
export function SiteNavbar({ name, links, themeToggle, user }: Props) {
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
          <div className="d-flex flex-column flex-md-row align-items-md-center gap-2">
            {user ? (
              <>
                <Link href="/account" className="nav-link text-white">
                  {user.firstName}
                </Link>
                <form action={logoutAction}>
                  <button type="submit" className="btn btn-sm btn-light">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <>
                <Link href="/login" className="nav-link text-white">
                  Sign in
                </Link>
                <Link href="/register" className="btn btn-sm btn-light">
                  Create account
                </Link>
              </>
            )}
            {themeToggle && <ThemeToggle />}
          </div>
        </NavbarCollapse>
      </div>
    </nav>
  );
}
