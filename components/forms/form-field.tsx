// A Bootstrap form group: label, the control passed as children, a hint and the field's error, wired
// together with ids so screen readers announce the error with the field.
type Props = { id: string; label: string; error?: string; hint?: React.ReactNode; children: React.ReactNode };

export function FormField({ id, label, error, hint, children }: Props) {
  return (
    <div className="mb-3">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {children}
      {hint && !error && (
        <div id={`${id}-hint`} className="form-text">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Props for an input inside FormField: error styling and descriptions that point at the right ids. */
export function fieldProps(id: string, error?: string, hint?: boolean) {
  return {
    id,
    className: `form-control${error ? " is-invalid" : ""}`,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}
