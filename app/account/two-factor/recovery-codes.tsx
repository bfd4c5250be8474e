"use client";

import { useState } from "react";
import { systemConfig } from "@/system.config";

/** Freshly made recovery codes, shown this once, with ways to keep them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join("\n");
  const download = () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([`${systemConfig.name} recovery codes\n\n${text}\n`], { type: "text/plain" }));
    link.download = `${systemConfig.shortName.toLowerCase().replace(/\s+/g, "-")}-recovery-codes.txt`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  return (
    <div className="border rounded p-3 bg-body-tertiary" data-testid="recovery-codes">
      <p className="fw-semibold mb-2">Save these recovery codes now: this is the only time they are shown.</p>
      <p className="small text-body-secondary">
        Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager.
      </p>
      <ol className="row row-cols-2 list-unstyled font-monospace fs-6 mb-3" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code} className="col py-1">
            {code}
          </li>
        ))}
      </ol>
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={download}>
          Download
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
