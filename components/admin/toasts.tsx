"use client";

import { createContext, useCallback, useContext, useState } from "react";
import { AutoToast, ToastStack } from "@/components/auto-toast";
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
      <ToastStack>
        {messages.map((m) => (
          <AutoToast key={m.id} onClose={() => hide(m.id)} delay={6000} ok={m.ok}>
            <div className="toast-body text-white d-flex justify-content-between gap-3" data-testid="toast">
              <span>{m.text}</span>
              <button type="button" className="btn-close btn-close-white" aria-label="Close" onClick={() => hide(m.id)} />
            </div>
          </AutoToast>
        ))}
      </ToastStack>
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
