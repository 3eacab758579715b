import type { GicsIndustryGroup, ValuationMethod } from "../gql/graphql";

// The form as typed: strings, so a half-typed number stays on screen until it is fixed.
export const PERIOD_FIELDS = [
  ["revenue", "Revenue"],
  ["ebitda", "EBITDA"],
  ["ebit", "EBIT"],
  ["netIncome", "NPAT"],
  ["depreciationAndAmortisation", "D&A"],
  ["capitalExpenditure", "Capex"],
  ["changeInWorkingCapital", "Change in working capital"],
] as const;

export type PeriodField = (typeof PERIOD_FIELDS)[number][0];
export type PeriodRow = { fiscalYearEnd: string } & Record<PeriodField, string>;

export const ASSUMPTION_FIELDS = [
  ["ipoDiscount", "IPO discount", "Discount to pre-money equity; default 15 %"],
  ["terminalGrowth", "Terminal growth", "Default 2.5 %"],
  ["riskFreeRate", "Risk-free rate", "Default: the latest RBA 10-year bond yield"],
  ["marketRiskPremium", "Market risk premium", "Default 6 %"],
  ["taxRate", "Tax rate", "Default 30 %"],
  ["offerRangeWidth", "Offer range half-width", "Default 10 %"],
] as const;

export type AssumptionField = (typeof ASSUMPTION_FIELDS)[number][0];

export interface MethodChoice {
  method: ValuationMethod;
  enabled: boolean;
  weight: string;
}

export interface FormState {
  companyName: string;
  gicsIndustryGroup: GicsIndustryGroup | "";
  valuationDate: string;
  history: PeriodRow[];
  forecast: PeriodRow[];
  netDebt: string;
  leaseLiabilities: string;
  ebitdaPostAasb16: boolean;
  preOfferShares: string;
  primaryRaise: string;
  peers: string;
  excludePeers: string;
  assumptions: Record<AssumptionField, string>;
  customMethods: boolean;
  methods: MethodChoice[];
  documentIds: string[];
}

export function emptyPeriod(): PeriodRow {
  return {
    fiscalYearEnd: "",
    revenue: "",
    ebitda: "",
    ebit: "",
    netIncome: "",
    depreciationAndAmortisation: "",
    capitalExpenditure: "",
    changeInWorkingCapital: "",
  };
}

export function emptyForm(methods: ValuationMethod[]): FormState {
  return {
    companyName: "",
    gicsIndustryGroup: "",
    valuationDate: "",
    history: [emptyPeriod()],
    forecast: [],
    netDebt: "",
    leaseLiabilities: "",
    ebitdaPostAasb16: true,
    preOfferShares: "",
    primaryRaise: "",
    peers: "",
    excludePeers: "",
    assumptions: {
      ipoDiscount: "",
      terminalGrowth: "",
      riskFreeRate: "",
      marketRiskPremium: "",
      taxRate: "",
      offerRangeWidth: "",
    },
    customMethods: false,
    methods: methods.map((method) => ({ method, enabled: false, weight: "1" })),
    documentIds: [],
  };
}

/** A list of ASX codes as typed: commas or spaces between them. */
export function codes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}
