// An email as the dev pages show it: its HTML in a sandboxed frame (the route at `htmlSrc` answers with the
// email CSP, see lib/security-headers.ts), then its plain text.
export function EmailPreview({ htmlSrc, text }: { htmlSrc: string; text: string }) {
  return (
    <>
      <iframe title="Message as HTML" src={htmlSrc} sandbox="" className="w-100 border rounded mb-3 mail-preview" />
      <h2 className="h6">Plain text</h2>
      <pre className="border rounded p-3 bg-body-tertiary small">{text}</pre>
    </>
  );
}
