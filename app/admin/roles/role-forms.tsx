"use client";

import { OutcomeAlert } from "@/components/forms/form-alert";
import { FormField, fieldProps } from "@/components/forms/form-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { createRoleSchema, updateRoleSchema } from "@/lib/roles/schemas";
import { createRoleAction, updateRoleAction } from "./actions";

export function CreateRoleForm() {
  const { form, pending, result, onSubmit, error } = useActionForm(
    createRoleSchema,
    createRoleAction,
    { name: "", description: "" },
    (_r, form) => form.reset(),
  );
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <FormField id="new-role-name" label="Name" error={error("name")}>
        <input {...fieldProps("new-role-name", error("name"))} autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField id="new-role-description" label="Description" error={error("description")}>
        <input {...fieldProps("new-role-description", error("description"))} autoComplete="off" {...form.register("description")} />
      </FormField>
      <button type="submit" className="btn btn-sm btn-primary" disabled={pending}>
        Create role
      </button>
    </form>
  );
}

export function EditRoleForm({ role, builtIn }: { role: { roleId: string; name: string; description: string }; builtIn: boolean }) {
  const { form, pending, result, onSubmit, error } = useActionForm(updateRoleSchema, updateRoleAction, role);
  const id = (field: string) => `role-${role.roleId}-${field}`;
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <OutcomeAlert outcome={result} />
      <FormField id={id("name")} label="Name" error={error("name")}>
        <input {...fieldProps(id("name"), error("name"))} readOnly={builtIn} autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField id={id("description")} label="Description" error={error("description")}>
        <input {...fieldProps(id("description"), error("description"))} autoComplete="off" {...form.register("description")} />
      </FormField>
      <button type="submit" className="btn btn-sm btn-outline-primary" disabled={pending}>
        Save
      </button>
    </form>
  );
}
