"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { Outcome, Success } from "@/lib/outcome";
import { useHydrated } from "./use-hydrated";

type Values = Record<string, unknown>;

/** The values a form holds now, by field name: a checkbox is a boolean, a radio group its checked value. */
function formValues(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const element of form.elements) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (!element.name || element.disabled) continue;
    if (element instanceof HTMLInputElement && element.type === "checkbox") values[element.name] = element.checked;
    else if (element instanceof HTMLInputElement && element.type === "radio") {
      if (element.checked) values[element.name] = element.value;
    } else values[element.name] = element.value;
  }
  return values;
}

const firstMessages = (fieldErrors: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(fieldErrors).flatMap(([field, messages]) => (messages[0] ? [[field, messages[0]]] : [])));

/**
 * One way to wire a form to a server action, with no form library and no schema in the browser (zod and a form
 * library would outweigh the rest of the page): the inputs are plain uncontrolled fields (`name` and
 * `defaultValue`), the action parses them with its zod schema, and a refusal's field errors land next to the
 * same fields, in the schema's words (its message is for OutcomeAlert). `defaults` also carries values the
 * form does not show (an id, a token). `values` follows what is typed, for the fields that react to it (the
 * password strength meter).
 */
export function useActionForm<V extends Values, T = undefined>(
  action: (values: V) => Promise<Outcome<T>>,
  defaults: V,
  onSuccess?: (result: Success<T>, submitted: { values: V; form: HTMLFormElement }) => void,
) {
  const [submitting, startTransition] = useTransition();
  const hydrated = useHydrated();
  const pending = submitting || !hydrated; // keeps submit buttons disabled until the form works
  const [result, setResult] = useState<Outcome<T>>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [values, setValues] = useState<V>(defaults);

  const showErrors = (form: HTMLFormElement, fieldErrors: Record<string, string>) => {
    setErrors(fieldErrors);
    const first = Object.keys(fieldErrors)[0];
    const field = first ? form.elements.namedItem(first) : null;
    if (field instanceof HTMLElement) field.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const submitted = { ...defaults, ...formValues(form) } as V;
    startTransition(async () => {
      const outcome = await action(submitted);
      setResult(outcome);
      if (outcome.ok) {
        setErrors({});
        return onSuccess?.(outcome, { values: submitted, form });
      }
      showErrors(form, firstMessages(outcome.fieldErrors ?? {}));
    });
  };

  // A field's error stays until that field changes, as the values it was about are gone then.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as { name?: string }).name;
    if (name && errors[name]) {
      setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => field !== name)));
    }
    setValues({ ...defaults, ...formValues(event.currentTarget) } as V);
  };
  const onReset = () => {
    setErrors({});
    setValues(defaults);
  };

  type Field = keyof V & string;
  const error = (name: Field): string | undefined => errors[name];
  /** A text input's name and starting value (checkboxes and radios set `defaultChecked` themselves). */
  const field = (name: Field) => ({ name, defaultValue: String(defaults[name] ?? "") });
  return { formProps: { onSubmit, onChange, onReset, noValidate: true }, pending, submitting, result, error, field, values };
}
