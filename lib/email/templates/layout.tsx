import "server-only";
import { Body, Button, Container, Head, Heading, Html, Link, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { systemConfig } from "@/system.config";

// The frame every message shares: the brand's name in its colour, a card that fills a phone's width and stops at
// 560px, and the support address. Inline styles are the light palette every client understands; clients that
// honour prefers-color-scheme (Apple Mail, iOS, Outlook for Mac…) take the dark one from the style block.

const brand = systemConfig.themeColor;

/** The brand colour mixed with white, so the name stays readable on the dark card. */
function lighten(hex: string, share: number): string {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `#${channels
    .map((value) =>
      Math.round(value + (255 - value) * share)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

// React Email's Body repeats the page's style on the cell it wraps the content in: both take the dark page.
const page = ".email-page, .email-page > table > tbody > tr > td";
const css = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  ${page} { background-color: #111317 !important; }
  .email-card { background-color: #1c1f24 !important; color: #e9ecef !important; }
  .email-muted { color: #adb5bd !important; }
  .email-brand { color: ${lighten(brand, 0.6)} !important; }
}
@media (max-width: 600px) {
  .email-page > table > tbody > tr > td { padding: 12px 8px !important; }
  .email-card { padding: 20px 16px !important; }
}`;

const paragraph = { margin: "0 0 16px", fontSize: "16px", lineHeight: "24px" };
const muted = { ...paragraph, fontSize: "13px", lineHeight: "20px", color: "#555555" };

/** `unsubscribeHref`: mail people may opt out of (announcements) says how, in the footer. */
export function EmailLayout({
  firstName,
  children,
  unsubscribeHref,
}: {
  firstName: string;
  children: ReactNode;
  unsubscribeHref?: string;
}) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{css}</style>
      </Head>
      <Body
        className="email-page"
        style={{
          margin: 0,
          padding: "24px 12px",
          backgroundColor: "#f4f5f7",
          fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        }}
      >
        <Container
          className="email-card"
          style={{ maxWidth: "560px", backgroundColor: "#ffffff", color: "#212529", borderRadius: "8px", padding: "24px" }}
        >
          <Heading as="h1" className="email-brand" style={{ margin: "0 0 16px", fontSize: "20px", lineHeight: "28px", color: brand }}>
            {systemConfig.name}
          </Heading>
          <Paragraph>Hello {firstName},</Paragraph>
          {children}
          <Text className="email-muted" style={{ ...muted, margin: "24px 0 0" }}>
            Questions? Write to {systemConfig.supportEmail}.
          </Text>
          {unsubscribeHref && (
            <Text className="email-muted" style={{ ...muted, margin: "8px 0 0" }}>
              You receive announcements from {systemConfig.name} as a member.{" "}
              <Link href={unsubscribeHref} style={{ color: "inherit", textDecoration: "underline" }}>
                Unsubscribe
              </Link>{" "}
              (no sign-in needed), or choose at your account page.
            </Text>
          )}
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

/**
 * A link as a button, with its address written out for clients that hide buttons or readers who copy it. The plain
 * text keeps only "label: address" (render.ts formats data-button links), so the address is not there twice.
 */
export function ButtonLink({ href, label }: { href: string; label: string }) {
  return (
    <Section style={{ margin: "0 0 16px" }}>
      <Button
        href={href}
        data-button=""
        style={{
          display: "inline-block",
          padding: "10px 18px",
          backgroundColor: brand,
          color: "#ffffff",
          fontSize: "16px",
          lineHeight: "24px",
          textDecoration: "none",
          borderRadius: "6px",
        }}
      >
        {label}
      </Button>
      <Text className="email-muted" data-skip-in-text="true" style={{ ...muted, margin: "16px 0 0", wordBreak: "break-all" }}>
        Or paste this address into your browser: {href}
      </Text>
    </Section>
  );
}
