"use client";

import { createContext, useCallback, useContext, useState } from "react";
import { AutoToast, ToastStack } from "@/components/auto-toast";

// The record screens' toasts: like the console's, plus an optional action (Undo after a delete).

type ToastAction = { label: string; run: () => void };
type Message = { id: number; text: string; ok: boolean; action?: ToastAction };
type Show = (text: string, ok: boolean, action?: ToastAction) => void;

const RecordToastContext = createContext<Show>(() => {});

export function RecordToastProvider({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const show = useCallback<Show>(
    (text, ok, action) => setMessages((all) => [...all, { id: Date.now() + Math.random(), text, ok, action }]),
    [],
  );
  const hide = (id: number) => setMessages((all) => all.filter((m) => m.id !== id));
  return (
    <RecordToastContext.Provider value={show}>
      {children}
      <ToastStack>
        {messages.map((m) => (
          // An undo needs time to be read and reached by keyboard: longer than a plain confirmation.
          <AutoToast key={m.id} onClose={() => hide(m.id)} delay={m.action ? 10_000 : 6000} ok={m.ok}>
            <div className="toast-body text-white d-flex align-items-center justify-content-between gap-3" data-testid="toast">
              <span>{m.text}</span>
              <span className="d-flex align-items-center gap-2">
                {m.action && (
                  <button
                    type="button"
                    className="btn btn-sm btn-light"
                    onClick={() => {
                      hide(m.id);
                      m.action!.run();
                    }}
                  >
                    {m.action.label}
                  </button>
                )}
                <button type="button" className="btn-close btn-close-white" aria-label="Close" onClick={() => hide(m.id)} />
              </span>
            </div>
          </AutoToast>
        ))}
      </ToastStack>
    </RecordToastContext.Provider>
  );
}

export const useRecordToast = () => useContext(RecordToastContext);

/** What a refusal says to a person: a form's first field error, or its message. */
export function refusalText(refusal: { code: string; message: string; fieldErrors?: Record<string, string[]> }): string {
  return refusal.code === "invalid_input" ? (Object.values(refusal.fieldErrors ?? {})[0]?.[0] ?? refusal.message) : refusal.message;
}
