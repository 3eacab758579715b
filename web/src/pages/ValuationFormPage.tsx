import { useEffect, useId, useRef, useState } from "react";
import { RequestFailed, request } from "../api/graphql";
import { label } from "../format";
import { graphql } from "../gql";
import { GicsIndustryGroup, ValuationMethod } from "../gql/graphql";
import { amountText } from "../form/amounts";
import { DocumentPicker, type StoredDocument } from "../form/DocumentPicker";
import { exampleForm } from "../form/example";
import { Field, FormError } from "../form/Fields";
import { ASSUMPTION_FIELDS, emptyForm, type FormState, PERIOD_FIELDS, type PeriodRow } from "../form/model";
import { PeriodTable } from "../form/PeriodTable";
import { type FieldErrors, serverErrors, validate } from "../form/validation";
import { navigate } from "../router";
import { ErrorNotice } from "../ui/Status";

const CreateValuationDocument = graphql(`
  mutation CreateValuation($input: ValuationInput!, $idempotencyKey: String) {
    createValuation(input: $input, idempotencyKey: $idempotencyKey) {
      job { id status }
      userErrors { field code message }
      warnings { field code message }
    }
  }
`);

const METHODS = Object.values(ValuationMethod);
// Errors the form shows beside a field of their own; any other (the whole call, a document, a
// year counted with the documents' years) is listed in the banner at the top.
const PLACED = /^(companyName|gicsIndustryGroup|valuationDate|netDebt|leaseLiabilities|preOfferShares|primaryRaise|history|forecast|(history|forecast)\.\d+\.\w+|(peers|excludePeers)(\.\d+)?|assumptions\.\w+|assumptions\.methods(\.\d+\.weight)?)$/;

export function unplacedErrors(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => !PLACED.test(key))
    .map(([key, message]) => {
      if (key === "form") return message;
      const document = /^documentIds(?:\.(\d+))?$/.exec(key);
      if (document) return `${document[1] ? `Attached document ${Number(document[1]) + 1}` : "Documents"}: ${message}`;
      return `${key}: ${message}`;
    });
}

function fromDocument(state: FormState, document: StoredDocument): FormState {
  const periods = (document.extraction?.periods ?? []).filter((p) => p.fiscalYearEnd);
  const history: PeriodRow[] = periods.map((period) => {
    const figures = Object.fromEntries(PERIOD_FIELDS.map(([field]) => [field, amountText(period[field] ?? null)]));
    return { fiscalYearEnd: period.fiscalYearEnd ?? "", ...figures } as PeriodRow;
  });
  const latest = periods[periods.length - 1];
  const netDebt = latest && latest.borrowings != null && latest.cash != null ? latest.borrowings - latest.cash : null;
  return {
    ...state,
    history: history.length ? history : state.history,
    netDebt: state.netDebt || amountText(netDebt),
    leaseLiabilities: state.leaseLiabilities || amountText(latest?.leaseLiabilities ?? null),
    preOfferShares: state.preOfferShares || amountText(latest?.sharesOutstanding ?? null),
  };
}

export function ValuationFormPage({ industry }: { industry: string | null }) {
  const [state, setState] = useState<FormState>(() => ({
    ...emptyForm(METHODS),
    gicsIndustryGroup: (industry ?? "") as FormState["gicsIndustryGroup"],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // One key per input: a repeated click (or a retry after a dropped answer) queues one job.
  const keyFor = useRef<{ input: string; key: string } | null>(null);
  const industryId = useId();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  // The first field at fault in reading order gets the focus; an error with no field of its own
  // (a list, the whole form) is scrolled into view instead.
  const focusFirstError = () => {
    const form = formRef.current;
    if (!form) return;
    // A closed <details> hides its fields from sight and from focus: open those at fault.
    for (const details of form.querySelectorAll("details")) {
      if (details.querySelector('[aria-invalid="true"], .field-error')) details.open = true;
    }
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form.querySelector<HTMLElement>(".field-error, .notice-error")?.scrollIntoView({ block: "center" });
  };

  // Focus moves once the errors are on screen: after React has committed them, not on a timer
  // that may run before the commit.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) focusFirstError();
  }, [focusRequest]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(state);
    setErrors(checked.errors);
    if (!checked.input) {
      setFocusRequest((n) => n + 1);
      return;
    }
    const serialised = JSON.stringify(checked.input);
    if (keyFor.current?.input !== serialised) keyFor.current = { input: serialised, key: crypto.randomUUID() };
    setSending(true);
    try {
      const result = await request(CreateValuationDocument, { input: checked.input, idempotencyKey: keyFor.current.key });
      const payload = result.data?.createValuation;
      if (!payload) {
        setFailure(result.errors[0]?.message ?? "The valuation was not queued.");
      } else if (payload.job) {
        navigate({ page: "valuation", id: payload.job.id });
      } else {
        const found = serverErrors(payload.userErrors, state);
        setErrors(found);
        setFocusRequest((n) => n + 1);
      }
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error.message : "The valuation was not queued.");
    } finally {
      setSending(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  const elsewhere = unplacedErrors(errors);
  return (
    <div className="page">
      <h1>Value a company for its IPO</h1>
      <p className="lede">
        Describe the company; the valuation runs in the background (peers, precedent transactions, DCF with a WACC from
        RBA rates) and sets an indicative offer price range per share.{" "}
        <button type="button" className="link-button" onClick={() => { setState((s) => exampleForm(s)); setErrors({}); }}>
          Fill in the example company
        </button>
      </p>
      <form ref={formRef} onSubmit={submit} noValidate aria-describedby={errorCount ? "form-errors" : undefined}>
        {errorCount > 0 && (
          <div id="form-errors" className="notice notice-error" role="alert">
            {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention.
            {elsewhere.length > 0 && (
              <ul>
                {elsewhere.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {failure && <ErrorNotice>{failure}</ErrorNotice>}
        <fieldset>
          <legend>The company</legend>
          <div className="grid">
            <Field label="Company name" name="companyName" value={state.companyName} error={errors.companyName} onChange={(v) => set("companyName", v)} />
            <div className={`field${errors.gicsIndustryGroup ? " field-invalid" : ""}`}>
              <label htmlFor={industryId}>GICS industry group</label>
              <select
                id={industryId}
                name="gicsIndustryGroup"
                value={state.gicsIndustryGroup}
                aria-invalid={errors.gicsIndustryGroup ? true : undefined}
                aria-describedby={errors.gicsIndustryGroup ? `${industryId}-error` : undefined}
                onChange={(event) => set("gicsIndustryGroup", event.target.value as FormState["gicsIndustryGroup"])}
              >
                <option value="">Choose…</option>
                {Object.values(GicsIndustryGroup).map((group) => (
                  <option key={group} value={group}>
                    {label(group)}
                  </option>
                ))}
              </select>
              {errors.gicsIndustryGroup && (
                <p id={`${industryId}-error`} className="field-error">
                  {errors.gicsIndustryGroup}
                </p>
              )}
            </div>
            <Field label="Valuation date" name="valuationDate" type="date" value={state.valuationDate} error={errors.valuationDate} hint="Empty: today." onChange={(v) => set("valuationDate", v)} />
          </div>
        </fieldset>
        <DocumentPicker
          selected={state.documentIds}
          onSelect={(update) => setState((s) => ({ ...s, documentIds: update(s.documentIds) }))}
          onFill={(document) => setState((s) => fromDocument(s, document))}
        />
        <PeriodTable name="history" title="Historical years" rows={state.history} errors={errors} onChange={(rows) => set("history", rows)} />
        <PeriodTable name="forecast" title="Forecast years" rows={state.forecast} errors={errors} onChange={(rows) => set("forecast", rows)} />
        <p className="hint">Amounts in A$: 60000000, 60m and 1.2bn all work. Forecast empty: projected from history.</p>
        <fieldset>
          <legend>Balance sheet and offer</legend>
          <div className="grid">
            <Field label="Net debt (A$)" name="netDebt" inputMode="decimal" value={state.netDebt} error={errors.netDebt} hint="Borrowings less cash; negative for net cash." onChange={(v) => set("netDebt", v)} />
            <Field label="Lease liabilities (A$)" name="leaseLiabilities" inputMode="decimal" value={state.leaseLiabilities} error={errors.leaseLiabilities} hint="AASB 16; empty: 0." onChange={(v) => set("leaseLiabilities", v)} />
            <Field label="Shares before the offer" name="preOfferShares" inputMode="decimal" value={state.preOfferShares} error={errors.preOfferShares} onChange={(v) => set("preOfferShares", v)} />
            <Field label="Capital to raise (A$)" name="primaryRaise" inputMode="decimal" value={state.primaryRaise} error={errors.primaryRaise} hint="New money raised at the IPO." onChange={(v) => set("primaryRaise", v)} />
          </div>
          <div className="checkbox">
            <input id="post-aasb16" type="checkbox" checked={state.ebitdaPostAasb16} onChange={(event) => set("ebitdaPostAasb16", event.target.checked)} />
            <label htmlFor="post-aasb16">EBITDA is after AASB 16 (leases capitalised)</label>
          </div>
        </fieldset>
        <details>
          <summary>Peers and assumptions</summary>
          <div className="grid">
            <Field label="Peers (ASX codes)" name="peers" value={state.peers} error={errors.peers ?? Object.entries(errors).filter(([k]) => k.startsWith("peers.")).map(([, v]) => v).join(" ")} hint="Empty: chosen from the industry group by size." placeholder="XRO, WTC" onChange={(v) => set("peers", v)} />
            <Field label="Never use as peers" name="excludePeers" value={state.excludePeers} error={errors.excludePeers ?? Object.entries(errors).filter(([k]) => k.startsWith("excludePeers.")).map(([, v]) => v).join(" ")} onChange={(v) => set("excludePeers", v)} />
            {ASSUMPTION_FIELDS.map(([field, text, hint]) => (
              <Field
                key={field}
                label={text}
                name={`assumptions.${field}`}
                inputMode="decimal"
                suffix="%"
                value={state.assumptions[field]}
                error={errors[`assumptions.${field}`]}
                hint={hint}
                onChange={(v) => set("assumptions", { ...state.assumptions, [field]: v })}
              />
            ))}
          </div>
          <fieldset>
            <legend>Methods</legend>
            <div className="checkbox">
              <input id="custom-methods" type="checkbox" checked={state.customMethods} onChange={(event) => set("customMethods", event.target.checked)} />
              <label htmlFor="custom-methods">Choose the methods and weights (otherwise the sector model's)</label>
            </div>
            <FormError error={errors["assumptions.methods"]} />
            {state.customMethods && (
              <ul className="methods">
                {state.methods.map((choice, index) => (
                  <li key={choice.method}>
                    <input
                      id={`method-${choice.method}`}
                      type="checkbox"
                      checked={choice.enabled}
                      onChange={(event) => set("methods", state.methods.map((m, i) => (i === index ? { ...m, enabled: event.target.checked } : m)))}
                    />
                    <label htmlFor={`method-${choice.method}`}>{label(choice.method)}</label>
                    {choice.enabled && (
                      <Field
                        label={`Weight of ${label(choice.method)}`}
                        name={`assumptions.methods.${index}.weight`}
                        inputMode="decimal"
                        value={choice.weight}
                        error={errors[`assumptions.methods.${index}.weight`]}
                        onChange={(v) => set("methods", state.methods.map((m, i) => (i === index ? { ...m, weight: v } : m)))}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        </details>
        <div className="actions">
          <button type="submit" className="primary" disabled={sending}>
            {sending ? "Queuing…" : "Value the company"}
          </button>
        </div>
      </form>
    </div>
  );
}
