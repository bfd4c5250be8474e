"use client";

import { Suspense, lazy, useState } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";

/** Besides a password or a code: the person's linked providers, and whether they have a password at all. */
export type ReauthenticationMethods = { hasPassword: boolean; providers: { id: string; label: string }[] };

type Props = {
  /** The page found a confirmation (or a sign-in) within the last few minutes. */
  recent: boolean;
  twoFactor: boolean;
  /** Keeps ids apart when a page holds more than one gate. */
  id: string;
  /** The button that opens the form, named after what the user came to do. */
  label: string;
  children: React.ReactNode;
  /** Omitted: a password (and a code when twoFactor) is the way. */
  methods?: ReauthenticationMethods;
};

// The forms are a page's weight only for whoever opens them: most visits to a page with a gate never do.
const loadForms = () => import("./reauthenticate-forms");
const preload = () => void loadForms();
const ReauthenticateForms = lazy(() => loadForms().then((module) => ({ default: module.ReauthenticateForms })));

/**
 * Shows `children` (the sensitive controls) once this session has recently proved who it is; until then a
 * button opens a small "Confirm it's you" form. The action re-renders the page, which then passes `recent`.
 */
export function ConfirmItsYou({ recent, twoFactor, id, label, children, methods }: Props) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  if (recent) return children;
  const opener = (
    // Fetched as the pointer or focus reaches the button, so the click rarely waits for it.
    <button
      type="button"
      className="btn btn-outline-primary"
      disabled={!hydrated || open}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => setOpen(true)}
    >
      {label}
    </button>
  );
  if (!open) return opener;
  return (
    <Suspense fallback={opener}>
      <ReauthenticateForms twoFactor={twoFactor} id={id} methods={methods} onCancel={() => setOpen(false)} />
    </Suspense>
  );
}
