import { useId, type ReactNode } from "react";

interface FieldProps {
  label: string;
  name: string;
  value: string;
  error?: string;
  hint?: ReactNode;
  type?: string;
  inputMode?: "decimal" | "numeric" | "text";
  onChange: (value: string) => void;
  placeholder?: string;
  suffix?: string;
}

/** A labelled input whose error is announced and tied to it (aria-describedby). The `name` is the
 * API's field path, so the first invalid field can be found and focused. */
export function Field({ label, name, value, error, hint, type = "text", inputMode, onChange, placeholder, suffix }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          name={name}
          type={type}
          inputMode={inputMode}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {suffix && <span className="suffix" aria-hidden="true">{suffix}</span>}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {error}
    </p>
  );
}
