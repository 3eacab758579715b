import example from "../../../examples/company.json";
import { amountText, percentText } from "./amounts";
import { type FormState, PERIOD_FIELDS, type PeriodRow } from "./model";

type ExamplePeriod = { fiscalYearEnd: string } & Record<string, number | string>;

function row(period: ExamplePeriod): PeriodRow {
  const figures = Object.fromEntries(PERIOD_FIELDS.map(([field]) => [field, amountText(Number(period[field]))]));
  return { fiscalYearEnd: period.fiscalYearEnd, ...figures } as PeriodRow;
}

/** The README's example company (examples/company.json), as the form shows it. */
export function exampleForm(base: FormState): FormState {
  return {
    ...base,
    companyName: example.companyName,
    gicsIndustryGroup: example.gicsIndustryGroup as FormState["gicsIndustryGroup"],
    valuationDate: example.valuationDate,
    history: example.history.map(row),
    forecast: example.forecast.map(row),
    netDebt: amountText(example.netDebt),
    leaseLiabilities: amountText(example.leaseLiabilities),
    ebitdaPostAasb16: example.ebitdaPostAasb16,
    preOfferShares: amountText(example.preOfferShares),
    primaryRaise: amountText(example.primaryRaise),
    assumptions: {
      ...base.assumptions,
      ipoDiscount: percentText(example.assumptions.ipoDiscount),
      terminalGrowth: percentText(example.assumptions.terminalGrowth),
    },
  };
}
