import bounds from "../../../schema/input-bounds.json";
import type { ValuationInput } from "../gql/graphql";
import { parseAmount, parsePercent } from "./amounts";
import { ASSUMPTION_FIELDS, codes, type FormState, PERIOD_FIELDS, type PeriodRow } from "./model";

// The checks createValuation makes on each field (resolvers/valuation_checks.py), with the
// server's own bounds (schema/input-bounds.json), so most mistakes are shown before sending.
// Keys are the API's userErrors paths without "input": "history.0.revenue". Anything only the
// server can know (unknown peers, quota) comes back as userErrors under the same keys.

export type FieldErrors = Record<string, string>;

export interface Checked {
  errors: FieldErrors;
  input: ValuationInput | null;
}

const [MONEY_LOW, MONEY_HIGH] = bounds.money as [number, number];
const [SHARES_LOW, SHARES_HIGH] = bounds.preOfferShares as [number, number];
const [YEAR_LOW, YEAR_HIGH] = bounds.fiscalYearEnd as [string, string];
const TICKER = new RegExp(bounds.tickerPattern);
const ASSUMPTIONS = bounds.assumptions as unknown as Record<string, [number, number]>;
const [WEIGHT_LOW, WEIGHT_HIGH] = bounds.methodWeight as [number, number];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Control characters and lone surrogates, which the server refuses in a name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const moneyText = (value: number) => `A$${(value / 1e12).toLocaleString("en-AU")} trillion`;

function amount(errors: FieldErrors, key: string, text: string, required: boolean): number | null {
  const value = parseAmount(text);
  if (value === null) {
    if (required) errors[key] = "Required.";
    return null;
  }
  if (Number.isNaN(value)) {
    errors[key] = "An amount in A$, e.g. 60000000, 60m or 1.2bn.";
    return null;
  }
  if (value < MONEY_LOW || value > MONEY_HIGH) {
    errors[key] = `Between −${moneyText(MONEY_HIGH)} and ${moneyText(MONEY_HIGH)}.`;
    return null;
  }
  return value;
}

function periods(errors: FieldErrors, name: "history" | "forecast", rows: PeriodRow[]) {
  if (rows.length > bounds.maxYears) errors[name] = `At most ${bounds.maxYears} fiscal years.`;
  return rows.map((row, index) => {
    const key = `${name}.${index}`;
    if (!DATE.test(row.fiscalYearEnd)) errors[`${key}.fiscalYearEnd`] = "A date: the last day of the fiscal year.";
    else if (row.fiscalYearEnd < YEAR_LOW || row.fiscalYearEnd > YEAR_HIGH)
      errors[`${key}.fiscalYearEnd`] = `Between ${YEAR_LOW} and ${YEAR_HIGH}.`;
    const figures = Object.fromEntries(
      PERIOD_FIELDS.map(([field]) => [field, amount(errors, `${key}.${field}`, row[field], true)]),
    );
    if ((figures.revenue ?? 0) < 0) errors[`${key}.revenue`] = "Revenue cannot be negative.";
    return { fiscalYearEnd: row.fiscalYearEnd, ...figures };
  });
}

function order(errors: FieldErrors, state: FormState): void {
  const years = [...state.history, ...state.forecast].map((row) => row.fiscalYearEnd).filter((y) => DATE.test(y));
  const ascending = years.every((year, i) => i === 0 || year > years[i - 1]!);
  if (!ascending) errors.history = "Fiscal years must be distinct, oldest first, forecast after history.";
}

function tickers(errors: FieldErrors, name: "peers" | "excludePeers", list: string[], limit: number): void {
  if (list.length > limit) errors[name] = `At most ${limit} codes.`;
  list.forEach((code, index) => {
    if (!TICKER.test(code)) errors[`${name}.${index}`] = `${code.slice(0, 20)}: an ASX code is 1 to 6 letters or digits.`;
    // A code excluded twice does no harm, and the server accepts it; a peer named twice it refuses.
    else if (name === "peers" && list.indexOf(code) !== index) errors[`${name}.${index}`] = `${code} is named twice.`;
  });
}

export function validate(state: FormState): Checked {
  const errors: FieldErrors = {};
  const name = state.companyName.trim();
  // Counted as the server counts it: code points of the name as sent (trimmed).
  if (!name || [...name].length > bounds.companyNameMaxLength)
    errors.companyName = `1 to ${bounds.companyNameMaxLength} characters.`;
  else if (CONTROL.test(state.companyName)) errors.companyName = "Control characters are not allowed in a name.";
  if (!state.gicsIndustryGroup) errors.gicsIndustryGroup = "Choose the industry group: peers are chosen from it.";
  if (state.valuationDate && !DATE.test(state.valuationDate)) errors.valuationDate = "A date, or empty for today.";
  else if (state.valuationDate && (state.valuationDate < YEAR_LOW || state.valuationDate > YEAR_HIGH))
    errors.valuationDate = `Between ${YEAR_LOW} and ${YEAR_HIGH}.`;

  const fromDocuments = state.documentIds.length > 0;
  if (!state.history.length && !fromDocuments) errors.history = "At least one historical fiscal year.";
  const history = periods(errors, "history", state.history);
  const forecast = periods(errors, "forecast", state.forecast);
  order(errors, state);

  const netDebt = amount(errors, "netDebt", state.netDebt, !fromDocuments);
  const leases = amount(errors, "leaseLiabilities", state.leaseLiabilities, false);
  if (leases !== null && leases < 0) errors.leaseLiabilities = "Cannot be negative.";
  const raise = amount(errors, "primaryRaise", state.primaryRaise, true);
  if (raise !== null && raise < 0) errors.primaryRaise = "Cannot be negative.";
  const shares = parseAmount(state.preOfferShares);
  if (shares === null) errors.preOfferShares = "Required.";
  else if (Number.isNaN(shares) || shares < SHARES_LOW || shares > SHARES_HIGH)
    errors.preOfferShares = `A count of shares between ${SHARES_LOW.toLocaleString("en-AU")} and ${SHARES_HIGH.toLocaleString("en-AU")}.`;

  const peers = codes(state.peers);
  const excluded = codes(state.excludePeers);
  tickers(errors, "peers", peers, bounds.maxPeers);
  tickers(errors, "excludePeers", excluded, bounds.maxExcludedPeers);
  peers.forEach((code, index) => {
    if (excluded.includes(code) && !errors[`peers.${index}`]) errors[`peers.${index}`] = `${code} is also excluded.`;
  });

  const assumptions: Record<string, number> = {};
  for (const [field] of ASSUMPTION_FIELDS) {
    const value = parsePercent(state.assumptions[field]);
    if (value === null) continue;
    const [low, high] = ASSUMPTIONS[field]!;
    if (Number.isNaN(value) || value < low || value > high)
      errors[`assumptions.${field}`] = `Between ${+(low * 100).toFixed(4)} % and ${+(high * 100).toFixed(4)} %.`;
    else assumptions[field] = value;
  }
  // The methods count only when chosen: their hidden weights must not block the form.
  const chosen = state.customMethods ? state.methods.filter((m) => m.enabled) : [];
  const methods = chosen.map((choice) => {
    const index = state.methods.indexOf(choice);
    const weight = Number(choice.weight);
    if (choice.weight.trim() === "" || !Number.isFinite(weight) || weight < WEIGHT_LOW || weight > WEIGHT_HIGH)
      errors[`assumptions.methods.${index}.weight`] = `A weight from ${WEIGHT_LOW} to ${WEIGHT_HIGH}.`;
    return { method: choice.method, weight };
  });
  if (state.customMethods) {
    if (!chosen.length) errors["assumptions.methods"] = "Choose at least one method, or use the sector's default.";
    else if (!methods.some((m) => m.weight > 0)) errors["assumptions.methods"] = "At least one method needs a weight above 0.";
  }

  if (Object.keys(errors).length) return { errors, input: null };
  const input: ValuationInput = {
    companyName: name,
    gicsIndustryGroup: state.gicsIndustryGroup as ValuationInput["gicsIndustryGroup"],
    history: history as ValuationInput["history"],
    forecast: forecast as ValuationInput["forecast"],
    netDebt,
    leaseLiabilities: leases,
    ebitdaPostAasb16: state.ebitdaPostAasb16,
    preOfferShares: shares as number,
    primaryRaise: raise as number,
    valuationDate: state.valuationDate || null,
    peers,
    excludePeers: excluded,
    assumptions: {
      ...assumptions,
      ...(state.customMethods ? { methods } : {}),
    },
    ...(fromDocuments ? { documentIds: state.documentIds } : {}),
  };
  return { errors, input };
}

/** The server's userErrors under the form's keys: ["input", "history", "0", "revenue"] ->
 * "history.0.revenue". A method's path names its index among those sent; the form's key is its
 * index in the whole list. With documents attached, the server counts the years of the documents
 * and the form together, so a year's index is not a row of the form: such an error goes to the
 * whole form ("form"), as does one with no field. */
export function serverErrors(
  userErrors: { field?: string[] | null; message: string }[],
  state: FormState,
): FieldErrors {
  const sent = state.customMethods ? state.methods.filter((m) => m.enabled) : [];
  const errors: FieldErrors = {};
  for (const error of userErrors) {
    const path = (error.field ?? []).filter((part, i) => !(i === 0 && part === "input"));
    if (path[0] === "assumptions" && path[1] === "methods" && path[2] !== undefined) {
      const choice = sent[Number(path[2])];
      if (choice) path[2] = String(state.methods.indexOf(choice));
    }
    const yearOfMergedList = state.documentIds.length > 0 && (path[0] === "history" || path[0] === "forecast") && path.length > 1;
    const key = yearOfMergedList ? "form" : path.join(".") || "form";
    const message = yearOfMergedList ? `${path.join(" ")} (the documents' years included): ${error.message}` : error.message;
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}
