"use client";

import { createContext, useCallback, useContext, useState } from "react";
import Toast from "react-bootstrap/Toast";
import ToastContainer from "react-bootstrap/ToastContainer";
import { refusalMessage } from "@/components/forms/form-alert";
import type { Outcome } from "@/lib/outcome";

type Message = { id: number; text: string; ok: boolean };
const ToastContext = createContext<(text: string, ok: boolean) => void>(() => {});

/** Short confirmations after an action, in the corner, announced politely to screen readers. */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const show = useCallback((text: string, ok: boolean) => setMessages((all) => [...all, { id: Date.now() + Math.random(), text, ok }]), []);
  const hide = (id: number) => setMessages((all) => all.filter((m) => m.id !== id));
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastContainer position="bottom-end" className="p-3 position-fixed" containerPosition="fixed">
        {messages.map((m) => (
          <Toast key={m.id} onClose={() => hide(m.id)} delay={6000} autohide bg={m.ok ? "success" : "danger"}>
            <Toast.Body className="text-white d-flex justify-content-between gap-3" role={m.ok ? "status" : "alert"} data-testid="toast">
              <span>{m.text}</span>
              <button type="button" className="btn-close btn-close-white" aria-label="Close" onClick={() => hide(m.id)} />
            </Toast.Body>
          </Toast>
        ))}
      </ToastContainer>
    </ToastContext.Provider>
  );
}

const useToast = () => useContext(ToastContext);

/**
 * An action's outcome as a toast: a refusal in the words a form alert would use, a success as its message
 * (or `success`, which names what was done when the action's message alone would not).
 */
export function useOutcomeToast(): (outcome: Outcome<unknown>, success?: string) => void {
  const toast = useToast();
  return useCallback(
    (outcome, success) => toast(outcome.ok ? (success ?? outcome.message ?? "Done.") : refusalMessage(outcome), outcome.ok),
    [toast],
  );
}
