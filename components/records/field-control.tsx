import type { UseFormRegister } from "react-hook-form";
import { FormField, fieldProps } from "@/components/forms/form-field";
import type { FieldSpec } from "@/lib/kernel/resource";
import { optionLabel } from "./field-value";

type Props = {
  name: string;
  spec: FieldSpec;
  register: UseFormRegister<Record<string, string>>;
  error?: string;
  userOptions: readonly { id: string; name: string }[];
  parentOptions: readonly { id: string; name: string }[];
  idPrefix: string;
};

/** One form control chosen by the field's declared input kind, with its label, error and aria wiring. */
export function FieldControl({ name, spec, register, error, userOptions, parentOptions, idPrefix }: Props) {
  const id = `${idPrefix}-${name}`;
  const props = { ...fieldProps(id, error), ...register(name) };
  const select = { ...props, className: `form-select${error ? " is-invalid" : ""}` };
  return (
    <FormField id={id} label={spec.label} error={error}>
      {spec.input === "textarea" ? (
        <textarea {...props} rows={4} />
      ) : spec.input === "select" ? (
        <select {...select}>
          {(spec.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      ) : spec.input === "user" ? (
        <select {...select}>
          <option value="">Nobody</option>
          {userOptions.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      ) : spec.input === "parent" ? (
        <select {...select}>
          <option value="">Choose…</option>
          {parentOptions.map((parent) => (
            <option key={parent.id} value={parent.id}>
              {parent.name}
            </option>
          ))}
        </select>
      ) : spec.input === "date" ? (
        <input {...props} type="date" />
      ) : (
        <input {...props} type="text" />
      )}
    </FormField>
  );
}
