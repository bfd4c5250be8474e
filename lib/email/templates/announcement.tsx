import "server-only";
import { EmailLayout } from "./layout";
import { declareEmail } from "./render";

// A message an administrator composed (lib/email/compose.ts). `bodyHtml` has been through the allowlist
// (lib/email/markdown.ts) before it gets here; it is the only HTML any template takes as is, which is why this
// template stays out of the catalog (index.ts), whose every prop is escaped text.

type Props = { firstName: string; bodyHtml: string; unsubscribeHref: string };

function Announcement({ firstName, bodyHtml, unsubscribeHref }: Props) {
  return (
    <EmailLayout firstName={firstName} unsubscribeHref={unsubscribeHref}>
      <div style={{ fontSize: "16px", lineHeight: "24px" }} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
    </EmailLayout>
  );
}

export const announcement = declareEmail({
  template: "announcement",
  subject: "News",
  Component: Announcement,
  props: (firstName: string, bodyHtml: string, unsubscribeHref: string) => ({ firstName, bodyHtml, unsubscribeHref }),
  sample: {
    firstName: "Ada",
    bodyHtml: '<p>The new <strong>reports</strong> page is live. <a href="https://example.com">Read more</a>.</p>',
    unsubscribeHref: "https://example.com/email/unsubscribe?token=sample-token",
  },
});
