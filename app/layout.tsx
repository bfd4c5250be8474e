import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import "bootstrap/dist/css/bootstrap.min.css";
import "./globals.css";
import { SiteFooter } from "@/components/site-footer";
import { SiteNavbar } from "@/components/site-navbar";
import { SkipLink } from "@/components/skip-link";
import { adminPermissions } from "@/lib/admin/permissions";
import { currentSession } from "@/lib/auth/current-user";
import { can } from "@/lib/authz";
import { mailboxOpen } from "@/lib/email/mailbox";
import { THEME_COOKIE, parseTheme, themeBootScript } from "@/lib/theme";
import { system } from "@/modules";
import { systemConfig } from "@/system.config";

// Every page carries a fresh CSP nonce, so nothing can be prerendered at build time; this also keeps
// `next build` away from the database (PGlite allows one process at a time).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  metadataBase: new URL(systemConfig.url),
  title: { default: systemConfig.name, template: `%s · ${systemConfig.name}` },
  description: systemConfig.description,
  applicationName: systemConfig.name,
};

export const viewport: Viewport = { themeColor: systemConfig.themeColor };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const session = await currentSession();
  // Someone who must set up two-factor first still sees who is signed in, and can sign out.
  const user = session.stage === "active" || session.stage === "enrolment" ? session.user : null;
  const links = [
    { href: "/", label: "Home" },
    // The modules' app entries (Projects) for whoever holds their permission; the pages check it again.
    ...(session.stage === "active"
      ? system.nav
          .filter((entry) => entry.area === "app" && session.user.permissions.has(entry.permission))
          .map(({ href, label }) => ({ href, label }))
      : []),
    ...(session.stage === "active" && can(session.user, adminPermissions.access) ? [{ href: "/admin", label: "Admin" }] : []),
    ...((await mailboxOpen()) ? [{ href: "/dev/mailbox", label: "Mailbox" }] : []),
  ];

  return (
    <html lang="en" data-bs-theme={theme ?? "light"} suppressHydrationWarning>
      <head>
        {!theme && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />}
        <style nonce={nonce}>{`:root{--cs-brand:${systemConfig.themeColor}}`}</style>
      </head>
      <body className="d-flex flex-column min-vh-100">
        <SkipLink />
        <header>
          <SiteNavbar name={systemConfig.name} links={links} themeToggle={systemConfig.features.themeToggle} user={user} />
        </header>
        <main id="main" className="flex-grow-1" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
