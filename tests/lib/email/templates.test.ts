import { describe, expect, it } from "vitest";
import { emailCatalog, findDeclaredEmail } from "@/lib/email/templates";
import { isEmailPreviewPath } from "@/lib/security-headers";
import { systemConfig } from "@/system.config";

// Every message in the catalog, rendered with its sample props (what the gallery shows) and with hostile ones.

const hostileText = "<img src=x onerror=alert(1)>";
const hostileLink = 'https://app.example/verify?token=a"><script>alert(1)</script>';
const isLink = (value: unknown): value is string => typeof value === "string" && /^https?:\/\//.test(value);

/** The words a reader sees in each paragraph of the HTML, the written-out copy of a button's address aside. */
function paragraphs(html: string): string[] {
  return [...html.matchAll(/<p (?![^>]*data-skip-in-text)[^>]*>(.*?)<\/p>/g)].map(([, inner]) =>
    inner!
      .replace(/<!--.*?-->/g, "")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
}

describe.each(emailCatalog.map((email) => [email.template, email] as const))("the %s email", (_, email) => {
  it("renders HTML branded from system.config.ts, readable in dark mode and on phones", async () => {
    const rendered = await email.render(email.sample);
    expect(rendered).toMatchObject({ template: email.template, subject: `${email.subject} · ${systemConfig.name}` });
    expect(rendered.html).toContain(`>${systemConfig.name}</h1>`);
    expect(rendered.html).toContain(`color:${systemConfig.themeColor}`);
    expect(rendered.html).toContain(`Write to <!-- -->${systemConfig.supportEmail}`);
    expect(rendered.html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(rendered.html).toContain("@media (prefers-color-scheme: dark)");
    expect(rendered.html).toContain("max-width:560px");
    expect(findDeclaredEmail(email.template)).toBe(email);
  });

  it("renders plain text with the same words, and each link as “label: address”", async () => {
    const { html, text } = await email.render(email.sample);
    for (const words of paragraphs(html)) expect(text).toContain(words);
    expect(text.startsWith(`${systemConfig.name}\n\nHello ${String(email.sample.firstName)},\n\n`)).toBe(true);
    expect(text.endsWith(`Questions? Write to ${systemConfig.supportEmail}.`)).toBe(true);
    const links = Object.values(email.sample).filter(isLink);
    for (const link of links) {
      expect(html).toContain(`href="${link}"`);
      expect(text).toMatch(new RegExp(`[a-z]: ${link.replace(/[.?]/g, "\\$&")}\n`, "i"));
      // Written out once: the HTML's copy for pasting is left out of the text.
      expect(text.split(link)).toHaveLength(2);
    }
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it("escapes what callers pass: names and addresses in text, links in their attribute", async () => {
    const hostile = Object.fromEntries(
      Object.entries(email.sample).map(([key, value]) => [
        key,
        isLink(value) ? hostileLink : typeof value === "string" ? hostileText : value,
      ]),
    );
    const { html, text } = await email.render(hostile);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    if (Object.values(email.sample).some(isLink)) {
      expect(html).toContain('href="https://app.example/verify?token=a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    }
    expect(text).toContain(`Hello ${hostileText},`);
  });
});

describe("the gallery's frame", () => {
  it("gets the sandboxing email CSP, like a stored message in the mailbox", () => {
    expect(isEmailPreviewPath("/dev/emails/verify-email/html")).toBe(true);
    expect(isEmailPreviewPath("/dev/mailbox/abc/html")).toBe(true);
    expect(isEmailPreviewPath("/dev/emails/verify-email")).toBe(false);
    expect(isEmailPreviewPath("/dev/emails")).toBe(false);
    expect(isEmailPreviewPath("/admin/emails/preview")).toBe(true);
    expect(isEmailPreviewPath("/admin/emails/new")).toBe(false);
  });
});
