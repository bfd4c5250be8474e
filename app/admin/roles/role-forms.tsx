"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { createRoleAction, updateRoleAction } from "./actions";

export function CreateRoleForm() {
  const { formProps, pending, result, error, field } = useActionForm(createRoleAction, { name: "", description: "" }, (_r, { form }) =>
    form.reset(),
  );
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id="new-role-name" label="Name" error={error("name")}>
        <input {...fieldProps("new-role-name", error("name"))} autoComplete="off" {...field("name")} />
      </FormField>
      <FormField id="new-role-description" label="Description" error={error("description")}>
        <input {...fieldProps("new-role-description", error("description"))} autoComplete="off" {...field("description")} />
      </FormField>
      <button type="submit" className="btn btn-sm btn-primary" disabled={pending}>
        Create role
      </button>
    </form>
  );
}

export function EditRoleForm({ role, builtIn }: { role: { roleId: string; name: string; description: string }; builtIn: boolean }) {
  const { formProps, pending, result, error, field } = useActionForm(updateRoleAction, role);
  const id = (name: string) => `role-${role.roleId}-${name}`;
  return (
    <form method="post" {...formProps}>
      <OutcomeAlert outcome={result} />
      <FormField id={id("name")} label="Name" error={error("name")}>
        <input {...fieldProps(id("name"), error("name"))} readOnly={builtIn} autoComplete="off" {...field("name")} />
      </FormField>
      <FormField id={id("description")} label="Description" error={error("description")}>
        <input {...fieldProps(id("description"), error("description"))} autoComplete="off" {...field("description")} />
      </FormField>
      <button type="submit" className="btn btn-sm btn-outline-primary" disabled={pending}>
        Save
      </button>
    </form>
  );
}
