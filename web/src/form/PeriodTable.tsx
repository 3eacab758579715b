import { useId, useRef } from "react";
import type { FieldErrors } from "./validation";
import { emptyPeriod, PERIOD_FIELDS, type PeriodRow } from "./model";

interface Props {
  name: "history" | "forecast";
  title: string;
  rows: PeriodRow[];
  errors: FieldErrors;
  onChange: (rows: PeriodRow[]) => void;
}

/** Fiscal years as rows; every cell is an input with its own label for screen readers. */
export function PeriodTable({ name, title, rows, errors, onChange }: Props) {
  const captionId = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const update = (index: number, field: keyof PeriodRow, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  const cellError = (index: number, field: string) => errors[`${name}.${index}.${field}`];
  return (
    <fieldset className="periods">
      <legend id={captionId}>{title}</legend>
      {errors[name] && <p className="field-error">{errors[name]}</p>}
      <div className="table-scroll" tabIndex={0}>
        <table aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">Fiscal year end</th>
              {PERIOD_FIELDS.map(([field, text]) => (
                <th scope="col" key={field}>
                  {text} (A$)
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {(["fiscalYearEnd", ...PERIOD_FIELDS.map(([field]) => field)] as (keyof PeriodRow)[]).map((field) => {
                  const error = cellError(index, field);
                  const errorId = `${captionId}-${index}-${field}-error`;
                  const heading = field === "fiscalYearEnd" ? "Fiscal year end" : PERIOD_FIELDS.find(([f]) => f === field)![1];
                  return (
                    <td key={field}>
                      <input
                        name={`${name}.${index}.${field}`}
                        aria-label={`${heading}, ${title.toLowerCase()} row ${index + 1}`}
                        type={field === "fiscalYearEnd" ? "date" : "text"}
                        inputMode={field === "fiscalYearEnd" ? undefined : "decimal"}
                        value={row[field]}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        onChange={(event) => update(index, field, event.target.value)}
                      />
                      {error && (
                        <span id={errorId} className="field-error cell-error">
                          {error}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${title.toLowerCase()} row ${index + 1}`}
                    onClick={() => {
                      onChange(rows.filter((_, i) => i !== index));
                      addButton.current?.focus(); // the removed row's button goes with it
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button ref={addButton} type="button" onClick={() => onChange([...rows, emptyPeriod()])}>
        Add a year
      </button>
    </fieldset>
  );
}
