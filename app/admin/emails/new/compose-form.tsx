"use client";

import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { composeEmailAction } from "../actions";
import { RecipientPicker } from "./recipient-picker";

// The compose form: plain fields, parsed by the server's schema (lib/email/compose-schemas.ts) like every form
// here. "Preview" posts the same fields natively into the sandboxed frame (no JavaScript, nothing in the frame
// can run); "Queue" goes through the server action and opens the send's progress.

type Role = { id: string; name: string };

const defaults = { subject: "", markdown: "", audience: "people", emails: "", roleId: "", scheduledAt: "" };

export function ComposeForm({ roles, canSendAll }: { roles: Role[]; canSendAll: boolean }) {
  const router = useRouter();
  const { formProps, pending, result, error, field, values } = useActionForm(composeEmailAction, defaults, (outcome) =>
    router.push(`/admin/emails/sends/${outcome.value.id}`),
  );
  // The preview button posts natively into the frame; only "Queue" goes through the action.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if ((event.nativeEvent as SubmitEvent).submitter?.hasAttribute("formtarget")) return;
    formProps.onSubmit(event);
  };
  const audience = String(values.audience);
  const addresses = useRef<HTMLTextAreaElement>(null);
  return (
    <div className="row g-4">
      <form method="post" className="col-lg-6" aria-label="Compose an email" {...formProps} onSubmit={onSubmit}>
        <OutcomeAlert outcome={result} />
        <fieldset className="mb-3">
          <legend className="form-label fs-6">To</legend>
          {[["people", "Chosen people"], ["role", "Everyone with a role"], ...(canSendAll ? [["all", "Every user"]] : [])].map(
            ([value, label]) => (
              <div className="form-check form-check-inline" key={value}>
                <input
                  className="form-check-input"
                  type="radio"
                  name="audience"
                  id={`audience-${value}`}
                  value={value}
                  defaultChecked={value === "people"}
                />
                <label className="form-check-label" htmlFor={`audience-${value}`}>
                  {label}
                </label>
              </div>
            ),
          )}
          {error("audience") && <div className="invalid-feedback d-block">{error("audience")}</div>}
        </fieldset>
        <div hidden={audience !== "people"}>
          <RecipientPicker addresses={addresses} disabled={audience !== "people"} />
          <FormField id="emails" label="Email addresses" error={error("emails")} hint="Accounts' addresses, separated by commas or lines.">
            <textarea
              ref={addresses}
              {...fieldProps("emails", error("emails"), true)}
              rows={2}
              {...field("emails")}
              disabled={audience !== "people"}
            />
          </FormField>
        </div>
        <div hidden={audience !== "role"}>
          <FormField id="roleId" label="Role" error={error("roleId")}>
            <select {...fieldProps("roleId", error("roleId"))} className="form-select" {...field("roleId")} disabled={audience !== "role"}>
              <option value="">Choose a role</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <FormField id="subject" label="Subject" error={error("subject")}>
          <input {...fieldProps("subject", error("subject"))} maxLength={200} {...field("subject")} />
        </FormField>
        <FormField
          id="markdown"
          label="Message (Markdown)"
          error={error("markdown")}
          hint={
            <>
              **bold**, _italic_, [links](https://…), lists and headings. Merge fields: <code>{"{{firstName}}"}</code>,{" "}
              <code>{"{{lastName}}"}</code>. Scripts, images and forms are removed.
            </>
          }
        >
          <textarea {...fieldProps("markdown", error("markdown"), true)} rows={10} {...field("markdown")} />
        </FormField>
        <FormField id="scheduledAt" label="Send at (UTC)" error={error("scheduledAt")} hint="Leave empty to send now.">
          <input {...fieldProps("scheduledAt", error("scheduledAt"), true)} type="datetime-local" {...field("scheduledAt")} />
        </FormField>
        <div className="d-flex gap-2">
          <button
            type="submit"
            className="btn btn-outline-secondary"
            formAction="/admin/emails/preview"
            formMethod="post"
            formTarget="email-preview"
            formNoValidate
          >
            Preview
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? "Queueing…" : "Queue the email"}
          </button>
        </div>
      </form>
      <section className="col-lg-6" aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="h6">
          Preview (as you would receive it)
        </h2>
        <iframe
          name="email-preview"
          title="Email preview"
          sandbox=""
          srcDoc="<p>Write the message, then Preview.</p>"
          className="mail-preview w-100 border rounded"
        />
      </section>
    </div>
  );
}
