"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { Outcome, Success } from "@/lib/outcome";
import { useHydrated } from "./use-hydrated";

/**
 * One way to wire a form to a server action: the zod schema validates in the browser, the action validates
 * again on the server, and a refusal's field errors land next to the same fields (its message is for
 * OutcomeAlert).
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T = undefined>(
  schema: S,
  action: (values: z.input<S>) => Promise<Outcome<T>>,
  defaultValues: DefaultValues<z.input<S>>,
  onSuccess?: (result: Success<T>, form: UseFormReturn<z.input<S>>) => void,
) {
  const [transitionPending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const pending = transitionPending || !hydrated; // keeps submit buttons disabled until the form works
  const [result, setResult] = useState<Outcome<T>>();
  const form = useForm<z.input<S>>({ resolver: zodResolver(schema) as unknown as Resolver<z.input<S>>, defaultValues });

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const outcome = await action(values);
      setResult(outcome);
      if (outcome.ok) return onSuccess?.(outcome, form);
      for (const [field, messages] of Object.entries(outcome.fieldErrors ?? {})) {
        form.setError(field as Path<z.input<S>>, { message: messages[0] });
      }
    }),
  );

  const error = (name: Path<z.input<S>>) => form.getFieldState(name, form.formState).error?.message;
  return { form, pending, result, onSubmit, error };
}
