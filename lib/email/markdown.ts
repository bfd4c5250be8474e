import "server-only";
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

// An administrator's Markdown becomes HTML through marked, then through an allowlist: only the tags and
// attributes below survive, links only to http(s) and mailto. Raw HTML in the Markdown passes through the
// same allowlist, so no script, style, event handler, form, frame or image (remote images track readers) gets
// into a message. The allowlist, not a blocklist, decides: anything new in HTML is dropped until named here.

const allowlist: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"],
  allowedAttributes: { a: ["href", "title", "rel", "target"] },
  allowedSchemes: ["https", "http", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // What the reader sees when a link opens: a new tab, with no hold on the mail client's window.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }) },
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, allowlist);
}

/** Markdown to HTML that is safe to put in an email. */
export function markdownToSafeHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeEmailHtml(html);
}
