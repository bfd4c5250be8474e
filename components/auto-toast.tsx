"use client";

import { useEffect, useEffectEvent } from "react";

// Bootstrap's toast markup with a timer: all the console and the record screens used of react-bootstrap's
// Toast and ToastContainer, without their transition code (about 5 KB gzip of first-load JavaScript).

/** The corner the toasts stack in. */
export function ToastStack({ children }: { children: React.ReactNode }) {
  return <div className="toast-container p-3 position-fixed bottom-0 end-0">{children}</div>;
}

/** One toast, green or red, that closes itself after `delay` milliseconds. */
export function AutoToast({
  ok,
  delay,
  onClose,
  children,
}: {
  ok: boolean;
  delay: number;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const close = useEffectEvent(onClose);
  useEffect(() => {
    const timer = setTimeout(close, delay);
    return () => clearTimeout(timer);
  }, [delay]);
  return (
    <div
      className={`toast show ${ok ? "bg-success" : "bg-danger"}`}
      role={ok ? "status" : "alert"}
      aria-live={ok ? "polite" : "assertive"}
      aria-atomic="true"
    >
      {children}
    </div>
  );
}
