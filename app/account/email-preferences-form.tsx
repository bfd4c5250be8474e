"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { useActionForm } from "@/components/forms/use-action-form";
import type { EmailPreferences } from "@/lib/email/preferences";
import { updateEmailPreferencesAction } from "./actions";

const switches = [
  ["announcements", "Announcements from the administrators"],
  ["notifications", "Notifications about your records (a task assigned to you…)"],
] as const;

export function EmailPreferencesForm({ defaults }: { defaults: EmailPreferences }) {
  const { formProps, pending, result } = useActionForm(updateEmailPreferencesAction, defaults);
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      {switches.map(([name, label]) => (
        <div className="form-check form-switch mb-2" key={name}>
          <input className="form-check-input" type="checkbox" role="switch" id={name} name={name} defaultChecked={defaults[name]} />
          <label className="form-check-label" htmlFor={name}>
            {label}
          </label>
        </div>
      ))}
      <button type="submit" className="btn btn-primary mt-2" disabled={pending}>
        {pending ? "Saving…" : "Save preferences"}
      </button>
    </form>
  );
}
