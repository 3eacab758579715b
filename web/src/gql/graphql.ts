/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How an admission check came out. */
export const AdmissionCheckOutcome = {
  /** The figures do not meet the condition. */
  Fail: 'FAIL',
  /** An input the condition needs is missing; `decidedBy` names it. */
  NotDeterminable: 'NOT_DETERMINABLE',
  /** The figures meet the condition. */
  Pass: 'PASS'
} as const;

export type AdmissionCheckOutcome = typeof AdmissionCheckOutcome[keyof typeof AdmissionCheckOutcome];
/** Assumptions to override; each has a documented default. */
export type AssumptionsInput = {
  /** Default 0.025. */
  creditSpread?: number | null | undefined;
  /** The basis of a DIVIDEND_YIELD multipleRange; default CASH. */
  dividendYieldBasis?: DividendYieldBasis | null | undefined;
  /** Value of imputation credits (0-1); default off. The DCF's tax rate becomes taxRate x (1 - gamma). */
  imputationGamma?: number | null | undefined;
  /** Default 0.15, to pre-money equity. */
  ipoDiscount?: number | null | undefined;
  /** Default 0.06. */
  marketRiskPremium?: number | null | undefined;
  /** The methods and weights; default: the sector model's. */
  methods?: Array<MethodInput> | null | undefined;
  /** Discount cash flows at mid-year; default true. */
  midYearConvention?: boolean | null | undefined;
  /** The offer range's half-width around the mid; default 0.10. */
  offerRangeWidth?: number | null | undefined;
  /** Dividends as a share of NPAT where a period gives none. */
  payoutRatio?: number | null | undefined;
  /** RONIC of the terminal value; default: the WACC. */
  returnOnNewInvestedCapital?: number | null | undefined;
  /** Default: the latest RBA 10-year government bond yield. */
  riskFreeRate?: number | null | undefined;
  /** Default: the peers' median (net debt + leases) / market capitalisation. */
  targetDebtToEquity?: number | null | undefined;
  /** Default 0.30. */
  taxRate?: number | null | undefined;
  /** Default 0.025. */
  terminalGrowth?: number | null | undefined;
};

/** Narrows the company directory. Criteria combine with AND. */
export type CompanyFilter = {
  /** Only companies in this GICS industry group. */
  industryGroup?: GicsIndustryGroup | null | undefined;
  /** Largest market capitalisation, AUD, inclusive. */
  maxMarketCap?: number | null | undefined;
  /** Smallest market capitalisation, AUD, inclusive. */
  minMarketCap?: number | null | undefined;
  /** Case-insensitive substring of the name or the ticker. */
  search?: string | null | undefined;
};

/** Why createValuation refused its input. */
export const CreateValuationErrorCode = {
  /** A document whose figures are not in AUD. */
  DocumentCurrency: 'DOCUMENT_CURRENCY',
  /** A figure a valuation needs is in none of the documents for a year they give; the message names the figure and the year. */
  DocumentFieldMissing: 'DOCUMENT_FIELD_MISSING',
  /** A document whose extraction is not COMPLETED (queued, running or failed). */
  DocumentNotCompleted: 'DOCUMENT_NOT_COMPLETED',
  /** A documentIds entry is not a document of the organisation. */
  DocumentNotFound: 'DOCUMENT_NOT_FOUND',
  /** A document listed twice in documentIds. */
  DuplicateDocument: 'DUPLICATE_DOCUMENT',
  /** A valuation method listed twice. */
  DuplicateMethod: 'DUPLICATE_METHOD',
  /** A peer named twice. */
  DuplicatePeer: 'DUPLICATE_PEER',
  /** The key was used before with another input. */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** A value of the wrong form (e.g. an empty company name). */
  Invalid: 'INVALID',
  /** An idempotency key outside 1 to 100 characters. */
  InvalidIdempotencyKey: 'INVALID_IDEMPOTENCY_KEY',
  /** Not the form of an ASX code. */
  InvalidTicker: 'INVALID_TICKER',
  /** A figure that cannot be negative is. */
  Negative: 'NEGATIVE',
  /** Fiscal years that are not consecutive and ascending. */
  NotInOrder: 'NOT_IN_ORDER',
  /** A figure that must be above zero is not. */
  NotPositive: 'NOT_POSITIVE',
  /** No listed method has a positive weight. */
  NoWeightedMethod: 'NO_WEIGHTED_METHOD',
  /** A number outside its plausible bounds (`field` names it). */
  OutOfRange: 'OUT_OF_RANGE',
  /** A peer also listed in `excludePeers`. */
  PeerExcluded: 'PEER_EXCLUDED',
  /** The company itself, named as its own peer. */
  PeerIsSubject: 'PEER_IS_SUBJECT',
  /** A peer with no market data or statements to value against. */
  PeerWithoutData: 'PEER_WITHOUT_DATA',
  /** A listing the ASX does not classify. */
  PeerWithoutIndustry: 'PEER_WITHOUT_INDUSTRY',
  /** The organisation's monthly valuations are used up. */
  QuotaExceeded: 'QUOTA_EXCEEDED',
  /** A required list is empty (e.g. no historical year). */
  Required: 'REQUIRED',
  /** Fewer than 3 usable peers publish a beta. */
  TooFewPeersWithBeta: 'TOO_FEW_PEERS_WITH_BETA',
  /** A list longer than its limit. */
  TooMany: 'TOO_MANY',
  /** Not the code of an ASX-listed company. */
  UnknownPeer: 'UNKNOWN_PEER'
} as const;

export type CreateValuationErrorCode = typeof CreateValuationErrorCode[keyof typeof CreateValuationErrorCode];
/** A comparable the caller supplies, e.g. an international peer; shown apart, with provenance CALLER. */
export type CustomPeerInput = {
  /** ISO country code. */
  country?: string | null | undefined;
  /** Its reporting currency. */
  currency?: string | null | undefined;
  /** (Net debt + leases) / market capitalisation. */
  debtToEquity?: number | null | undefined;
  /** Cash yield. */
  dividendYield?: number | null | undefined;
  /** EV/EBIT. */
  evToEbit?: number | null | undefined;
  /** EV/EBITDA. */
  evToEbitda?: number | null | undefined;
  /** Equity beta; used only with debtToEquity. */
  leveredBeta?: number | null | undefined;
  /** Its name. */
  name: string;
  /** The period its multiples are measured on. */
  period?: MetricPeriod;
  /** Whether its EBITDA is after AASB 16 / IFRS 16 (false for US GAAP reporters, whose operating lease costs stay in EBITDA): false leaves it out of EV multiples. */
  postAasb16?: boolean;
  /** P/B. */
  priceToBook?: number | null | undefined;
  /** P/E. */
  priceToEarnings?: number | null | undefined;
  /** Where the figures came from, e.g. a data vendor and date. */
  source?: string | null | undefined;
};

/** The upstream a figure came from. */
export const DataSource = {
  /** ABN Lookup (Australian Business Register). */
  Abr: 'ABR',
  /** The ASIC company dataset, imported as a snapshot. */
  Asic: 'ASIC',
  /** ASX Limited (listing, market data). */
  Asx: 'ASX',
  /** S&P Capital IQ. */
  Capiq: 'CAPIQ',
  /** Reserve Bank of Australia statistics. */
  Rba: 'RBA',
  /** The offline sample dataset; its company financials are synthetic. */
  Sample: 'SAMPLE',
  /** Xero accounting data. */
  Xero: 'XERO'
} as const;

export type DataSource = typeof DataSource[keyof typeof DataSource];
/** The basis of a dividend-yield range. */
export const DividendYieldBasis = {
  /** Cash dividends over price. */
  Cash: 'CASH',
  /** Dividends grossed up for franking credits over price. */
  GrossedUp: 'GROSSED_UP'
} as const;

export type DividendYieldBasis = typeof DividendYieldBasis[keyof typeof DividendYieldBasis];
/** What a document is; AUTO leaves it to the content. */
export const DocumentKind = {
  /** An annual report. */
  AnnualReport: 'ANNUAL_REPORT',
  /** Not said. */
  Auto: 'AUTO',
  /** Financial statements (audited or not). */
  FinancialStatements: 'FINANCIAL_STATEMENTS',
  /** Management accounts or a board pack. */
  ManagementAccounts: 'MANAGEMENT_ACCOUNTS'
} as const;

export type DocumentKind = typeof DocumentKind[keyof typeof DocumentKind];
/** Where a document's extraction is in its life. */
export const DocumentStatus = {
  /** The extraction is ready. */
  Completed: 'COMPLETED',
  /** See `error`. */
  Failed: 'FAILED',
  /** Waiting for a worker. */
  Queued: 'QUEUED',
  /** A worker is extracting. */
  Running: 'RUNNING'
} as const;

export type DocumentStatus = typeof DocumentStatus[keyof typeof DocumentStatus];
/** One fiscal year of results, actual or forecast. Money in AUD. */
export type FinancialPeriodInput = {
  /** Capex, as a positive outflow. */
  capitalExpenditure: number;
  /** Increase in net working capital (positive = cash absorbed). */
  changeInWorkingCapital: number;
  /** D&A expense. */
  depreciationAndAmortisation: number;
  /** Ordinary dividends (or distributions) for the year, total cash AUD; default: assumptions.payoutRatio x NPAT. */
  dividends?: number | null | undefined;
  /** EBIT. */
  ebit: number;
  /** EBITDA. */
  ebitda: number;
  /** Last day of the fiscal year. */
  fiscalYearEnd: string;
  /** Net profit after tax (NPAT). */
  netIncome: number;
  /** Revenue. */
  revenue: number;
};

/** A GICS industry group (2023 structure), as the ASX classifies listings. */
export const GicsIndustryGroup = {
  /** GICS industry group 'Automobiles & Components'. */
  AutomobilesAndComponents: 'AUTOMOBILES_AND_COMPONENTS',
  /** GICS industry group 'Banks'. */
  Banks: 'BANKS',
  /** GICS industry group 'Capital Goods'. */
  CapitalGoods: 'CAPITAL_GOODS',
  /** GICS industry group 'Commercial & Professional Services'. */
  CommercialAndProfessionalServices: 'COMMERCIAL_AND_PROFESSIONAL_SERVICES',
  /** GICS industry group 'Consumer Discretionary Distribution & Retail'. */
  ConsumerDiscretionaryDistributionAndRetail: 'CONSUMER_DISCRETIONARY_DISTRIBUTION_AND_RETAIL',
  /** GICS industry group 'Consumer Durables & Apparel'. */
  ConsumerDurablesAndApparel: 'CONSUMER_DURABLES_AND_APPAREL',
  /** GICS industry group 'Consumer Services'. */
  ConsumerServices: 'CONSUMER_SERVICES',
  /** GICS industry group 'Consumer Staples Distribution & Retail'. */
  ConsumerStaplesDistributionAndRetail: 'CONSUMER_STAPLES_DISTRIBUTION_AND_RETAIL',
  /** GICS industry group 'Energy'. */
  Energy: 'ENERGY',
  /** GICS industry group 'Equity Real Estate Investment Trusts (REITs)'. */
  EquityRealEstateInvestmentTrusts: 'EQUITY_REAL_ESTATE_INVESTMENT_TRUSTS',
  /** GICS industry group 'Financial Services'. */
  FinancialServices: 'FINANCIAL_SERVICES',
  /** GICS industry group 'Food, Beverage & Tobacco'. */
  FoodBeverageAndTobacco: 'FOOD_BEVERAGE_AND_TOBACCO',
  /** GICS industry group 'Health Care Equipment & Services'. */
  HealthCareEquipmentAndServices: 'HEALTH_CARE_EQUIPMENT_AND_SERVICES',
  /** GICS industry group 'Household & Personal Products'. */
  HouseholdAndPersonalProducts: 'HOUSEHOLD_AND_PERSONAL_PRODUCTS',
  /** GICS industry group 'Insurance'. */
  Insurance: 'INSURANCE',
  /** GICS industry group 'Materials'. */
  Materials: 'MATERIALS',
  /** GICS industry group 'Media & Entertainment'. */
  MediaAndEntertainment: 'MEDIA_AND_ENTERTAINMENT',
  /** GICS industry group 'Pharmaceuticals, Biotechnology & Life Sciences'. */
  PharmaceuticalsBiotechnologyAndLifeSciences: 'PHARMACEUTICALS_BIOTECHNOLOGY_AND_LIFE_SCIENCES',
  /** GICS industry group 'Real Estate Management & Development'. */
  RealEstateManagementAndDevelopment: 'REAL_ESTATE_MANAGEMENT_AND_DEVELOPMENT',
  /** GICS industry group 'Semiconductors & Semiconductor Equipment'. */
  SemiconductorsAndSemiconductorEquipment: 'SEMICONDUCTORS_AND_SEMICONDUCTOR_EQUIPMENT',
  /** GICS industry group 'Software & Services'. */
  SoftwareAndServices: 'SOFTWARE_AND_SERVICES',
  /** GICS industry group 'Technology Hardware & Equipment'. */
  TechnologyHardwareAndEquipment: 'TECHNOLOGY_HARDWARE_AND_EQUIPMENT',
  /** GICS industry group 'Telecommunication Services'. */
  TelecommunicationServices: 'TELECOMMUNICATION_SERVICES',
  /** GICS industry group 'Transportation'. */
  Transportation: 'TRANSPORTATION',
  /** GICS industry group 'Utilities'. */
  Utilities: 'UTILITIES'
} as const;

export type GicsIndustryGroup = typeof GicsIndustryGroup[keyof typeof GicsIndustryGroup];
/** One method of the valuation, with its weight. */
export type MethodInput = {
  /** The method. */
  method: ValuationMethod;
  /** The multiple (or yield) to apply; default: the peers' p25 / median / p75 on the same period. */
  multipleRange?: RangeInput | null | undefined;
  /** The subject's period; balance-sheet methods and transactions always use LTM. */
  period?: MetricPeriod;
  /** Its weight in the synthesis (0 shows it only). */
  weight: number;
};

/** Which fiscal year's figures a multiple applies to. */
export const MetricPeriod = {
  /** The first forecast year. */
  Fy1: 'FY1',
  /** The second forecast year. */
  Fy2: 'FY2',
  /** The last historical fiscal year. */
  Ltm: 'LTM'
} as const;

export type MetricPeriod = typeof MetricPeriod[keyof typeof MetricPeriod];
/** A low / high range of a multiple or a yield. */
export type RangeInput = {
  /** High end; the mid is the midpoint. */
  high: number;
  /** Low end. */
  low: number;
};

/** Where a report's generation is. */
export const ReportStatus = {
  /** Ready: see `url`. */
  Completed: 'COMPLETED',
  /** Not generated: see `error`. */
  Failed: 'FAILED',
  /** Waiting for a worker. */
  Queued: 'QUEUED',
  /** Being generated. */
  Running: 'RUNNING'
} as const;

export type ReportStatus = typeof ReportStatus[keyof typeof ReportStatus];
/** How the caller is authenticated. */
export const Role = {
  /** No credentials. */
  Anonymous: 'anonymous',
  /** A partner system, with an API key of its organisation. */
  Partner: 'partner',
  /** A signed-in user, with an access token. */
  User: 'user'
} as const;

export type Role = typeof Role[keyof typeof Role];
/** An organisation's subscription tier: its allowances and the features it includes. */
export const Tier = {
  /** 2 valuations a month, 100 requests an hour; basic_reports, scenario_modelling. */
  Basic: 'basic',
  /** unlimited valuations a month, 2,000 requests an hour; basic_reports, scenario_modelling, advanced_analytics, white_label, api_access, custom_integrations. */
  Enterprise: 'enterprise',
  /** 8 valuations a month, 500 requests an hour; basic_reports, scenario_modelling, advanced_analytics, white_label, api_access. */
  Professional: 'professional'
} as const;

export type Tier = typeof Tier[keyof typeof Tier];
/** The company to value. */
export type ValuationInput = {
  /** Assumptions to override. */
  assumptions?: AssumptionsInput | null | undefined;
  /** Shareholders' equity at the latest balance date (P/B). */
  bookEquity?: number | null | undefined;
  /** Name of the company. */
  companyName: string;
  /** Comparables the caller supplies, beside the ASX's. */
  customPeers?: Array<CustomPeerInput>;
  /** Completed documents of the organisation to take the figures the input does not type from (corrections applied): historical years not typed in `history`, and net debt, lease liabilities and book equity from the latest balance sheet. See the README's Documents section for the merge rule. */
  documentIds?: Array<string> | null | undefined;
  /** Whether EBITDA is after AASB 16 (leases capitalised). */
  ebitdaPostAasb16?: boolean;
  /** Embedded value, AUD (life insurers). */
  embeddedValue?: number | null | undefined;
  /** ASX codes never to use as peers. */
  excludePeers?: Array<string>;
  /** Non-affiliated holders expected at listing with a parcel of A$2,000 or more. */
  expectedHolders?: number | null | undefined;
  /** Forecast fiscal years, oldest first; projected from history when empty. */
  forecast?: Array<FinancialPeriodInput>;
  /** How far dividends are franked, 0-1; default 0. */
  frankingPercentage?: number | null | undefined;
  /** Share of the securities in free float after the offer, 0-1. */
  freeFloat?: number | null | undefined;
  /** Its GICS industry group: peers are chosen from it, and it picks the default methods. */
  gicsIndustryGroup: GicsIndustryGroup;
  /** Historical fiscal years, oldest first (at least one, typed here or taken from `documentIds`; a year typed here wins over the documents'). */
  history?: Array<FinancialPeriodInput>;
  /** AASB 16 leases, AUD; default 0, or with `documentIds` the latest balance sheet's. */
  leaseLiabilities?: number | null | undefined;
  /** Annual lease expense, AUD: restates a pre-AASB 16 EBITDA after AASB 16. */
  leasePayments?: number | null | undefined;
  /** Borrowings less cash, AUD. Required unless `documentIds` is given: then, when null, borrowings - cash of the documents' latest balance sheet. */
  netDebt?: number | null | undefined;
  /** NTA at the latest balance date, before the offer (P/NTA, ASX assets test). */
  netTangibleAssets?: number | null | undefined;
  /** Costs of the offer, AUD, deducted for the ASX assets test. */
  offerCosts?: number | null | undefined;
  /** ASX codes to use as peers instead of choosing them. */
  peers?: Array<string>;
  /** Shares on issue before the offer. */
  preOfferShares: number;
  /** New money raised at the IPO, AUD. */
  primaryRaise: number;
  /** The DCF's valuation date; default: the day of the request in Sydney. */
  valuationDate?: string | null | undefined;
};

/** A valuation method; see the README for each one's basis. */
export const ValuationMethod = {
  /** FCFF discounted at the WACC. */
  Dcf: 'DCF',
  /** Dividends over a yield, with franking (distribution yield for REITs). */
  DividendYield: 'DIVIDEND_YIELD',
  /** EV/EBIT. */
  EvToEbit: 'EV_TO_EBIT',
  /** EV/EBITDA, post-AASB 16. */
  EvToEbitda: 'EV_TO_EBITDA',
  /** Peers' M&A EV/LTM EBITDA, on a control basis. */
  PrecedentTransactions: 'PRECEDENT_TRANSACTIONS',
  /** P/B, adjusted for ROE against the peers'. */
  PriceToBook: 'PRICE_TO_BOOK',
  /** P/E on NPAT. */
  PriceToEarnings: 'PRICE_TO_EARNINGS',
  /** Price to embedded value (life insurers; needs multipleRange). */
  PriceToEmbeddedValue: 'PRICE_TO_EMBEDDED_VALUE',
  /** Price to NTA (REITs). */
  PriceToNta: 'PRICE_TO_NTA'
} as const;

export type ValuationMethod = typeof ValuationMethod[keyof typeof ValuationMethod];
/** The step a valuation job is at; each has its own per cent done. */
export const ValuationStage = {
  /** Cancelled. */
  Cancelled: 'CANCELLED',
  /** Completed. */
  Done: 'DONE',
  /** Failed; see `error`. */
  Failed: 'FAILED',
  /** Reading peers, transactions and RBA series. */
  GatheringData: 'GATHERING_DATA',
  /** Waiting for a worker. */
  Queued: 'QUEUED',
  /** Back in the queue after an upstream failure. */
  Retrying: 'RETRYING',
  /** The engine is running. */
  Valuing: 'VALUING'
} as const;

export type ValuationStage = typeof ValuationStage[keyof typeof ValuationStage];
/** Where a valuation job is in its life. */
export const ValuationStatus = {
  /** Cancelled. */
  Cancelled: 'CANCELLED',
  /** The result is ready. */
  Completed: 'COMPLETED',
  /** See `error`. */
  Failed: 'FAILED',
  /** Waiting for a worker. */
  Queued: 'QUEUED',
  /** A worker is valuing. */
  Running: 'RUNNING'
} as const;

export type ValuationStatus = typeof ValuationStatus[keyof typeof ValuationStatus];
export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { role: Role, user: { email: string } | null, organisation: { name: string, tier: Tier } | null } };

export type ValuationProgressSubscriptionVariables = Exact<{
  id: string;
}>;


export type ValuationProgressSubscription = { valuationProgress: { jobId: string, seq: number, status: ValuationStatus, stage: ValuationStage, percent: number, message: string } };

export type StoredProgressQueryVariables = Exact<{
  id: string;
}>;


export type StoredProgressQuery = { valuation: { id: string, status: ValuationStatus, stage: ValuationStage, progress: number } | null };

export type DocumentsForFormQueryVariables = Exact<{ [key: string]: never; }>;


export type DocumentsForFormQuery = { documents: Array<{ id: string, filename: string, kind: DocumentKind, status: DocumentStatus, progress: number, createdAt: string, error: { message: string } | null, extraction: { periods: Array<{ fiscalYearEnd: string | null, revenue: number | null, ebitda: number | null, ebit: number | null, netIncome: number | null, depreciationAndAmortisation: number | null, capitalExpenditure: number | null, changeInWorkingCapital: number | null, cash: number | null, borrowings: number | null, leaseLiabilities: number | null, sharesOutstanding: number | null }> } | null }> };

export type DocumentProgressSubscriptionVariables = Exact<{
  id: string;
}>;


export type DocumentProgressSubscription = { documentProgress: { documentId: string, status: DocumentStatus, percent: number, message: string } };

export type CompanyPageQueryVariables = Exact<{
  ticker: string;
}>;


export type CompanyPageQuery = { company: { ticker: string, name: string, gicsIndustryGroup: GicsIndustryGroup | null, abn: string | null, acn: string | null, provenance: { source: DataSource, asOf: string, synthetic: boolean, stale: boolean }, marketData: { price: number, marketCap: number, enterpriseValue: number | null, sharesOutstanding: number, beta: number | null, asOf: string, provenance: { source: DataSource, asOf: string, synthetic: boolean, stale: boolean } } | null, financials: { currency: string, provenance: { source: DataSource, asOf: string, synthetic: boolean, stale: boolean }, periods: Array<{ fiscalYearEnd: string, revenue: number, ebitda: number, ebit: number, netIncome: number, netDebt: number, dividends: number | null }> } | null, multiples: { evToEbitda: number | null, evToRevenue: number | null, evToEbit: number | null, priceToEarnings: number | null, fiscalYearEnd: string | null } | null, peers: Array<{ similarity: number, company: { ticker: string, name: string, marketData: { marketCap: number } | null }, multiples: { evToEbitda: number | null, evToRevenue: number | null, priceToEarnings: number | null } | null }> | null, filings: { edges: Array<{ node: { id: string, title: string, documentType: string, releasedAt: string, priceSensitive: boolean, url: string | null } }> } | null } | null };

export type EconomyQueryVariables = Exact<{ [key: string]: never; }>;


export type EconomyQuery = { economicIndicators: { cashRate: { value: number, asOf: string, title: string, seriesId: string, provenance: { stale: boolean }, history: Array<{ asOf: string, value: number }> } | null, tenYearBondYield: { value: number, asOf: string, title: string, seriesId: string, provenance: { stale: boolean }, history: Array<{ asOf: string, value: number }> } | null, cpiYearEnded: { value: number, asOf: string, title: string, seriesId: string, provenance: { stale: boolean }, history: Array<{ asOf: string, value: number }> } | null, trimmedMeanInflation: { value: number, asOf: string, title: string, seriesId: string, provenance: { stale: boolean }, history: Array<{ asOf: string, value: number }> } | null } };

export type IndicatorFragment = { value: number, asOf: string, title: string, seriesId: string, provenance: { stale: boolean }, history: Array<{ asOf: string, value: number }> };

export type SearchCompaniesQueryVariables = Exact<{
  filter?: CompanyFilter | null | undefined;
  first: number;
}>;


export type SearchCompaniesQuery = { companies: { totalCount: number, edges: Array<{ node: { ticker: string, name: string, gicsIndustryGroup: GicsIndustryGroup | null, marketData: { price: number, marketCap: number, provenance: { source: DataSource, asOf: string, synthetic: boolean, stale: boolean } } | null } }> } };

export type CreateValuationMutationVariables = Exact<{
  input: ValuationInput;
  idempotencyKey?: string | null | undefined;
}>;


export type CreateValuationMutation = { createValuation: { job: { id: string, status: ValuationStatus } | null, userErrors: Array<{ field: Array<string> | null, code: CreateValuationErrorCode, message: string }>, warnings: Array<{ field: Array<string>, code: string, message: string }> } };

export type ValuationListQueryVariables = Exact<{ [key: string]: never; }>;


export type ValuationListQuery = { valuations: Array<{ id: string, companyName: string, status: ValuationStatus, progress: number, createdAt: string, completedAt: string | null, result: { priceRange: { low: number, high: number } } | null }> };

export type ValuationPageQueryVariables = Exact<{
  id: string;
}>;


export type ValuationPageQuery = { valuation: { id: string, companyName: string, status: ValuationStatus, stage: ValuationStage, progress: number, createdAt: string, completedAt: string | null, error: { code: string, message: string } | null, result: { ipoDiscount: number | null, offerRangeWidth: number | null, sector: string | null, targetMultiple: number | null, peerMedianEvToEbitda: number | null, wacc: number, details: unknown, priceRange: { low: number, mid: number, high: number }, valuationRange: { low: number, mid: number, high: number }, enterpriseValue: { low: number, mid: number, high: number }, equityValue: { low: number, mid: number, high: number }, methods: Array<{ method: ValuationMethod, period: MetricPeriod | null, low: number, mid: number, high: number, weight: number, basis: string, multipleLow: number | null, multipleMid: number | null, multipleHigh: number | null, perShare: { low: number, mid: number, high: number } | null }>, peers: Array<{ ticker: string, evToEbitda: number | null, evToRevenue: number | null, priceToEarnings: number | null, leveredBeta: number | null, debtToEquity: number, excluded: boolean, reason: string | null }>, admissionChecks: Array<{ name: string, rule: string, outcome: AdmissionCheckOutcome, explanation: string }>, warningDetails: Array<{ code: string, message: string }>, sources: Array<{ subject: string, source: DataSource, asOf: string, synthetic: boolean, stale: boolean }>, documentSources: Array<{ documentId: string, fiscalYearEnd: string, field: string, value: number, page: number | null, corrected: boolean }> } | null } | null };

export type MonteCarloQueryVariables = Exact<{
  id: string;
}>;


export type MonteCarloQuery = { valuation: { monteCarlo: { p10: number, p50: number, p90: number, mean: number, draws: number, histogram: Array<{ low: number, high: number, count: number }> | null } | null } | null };

export type ValuationReportsQueryVariables = Exact<{
  id: string;
}>;


export type ValuationReportsQuery = { valuation: { reports: { pdf: { id: string, status: ReportStatus, progress: number, url: string | null, sizeBytes: number | null, error: { message: string } | null } | null, xlsx: { id: string, status: ReportStatus, progress: number, url: string | null, sizeBytes: number | null, error: { message: string } | null } | null } | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const IndicatorFragmentDoc = new TypedDocumentString(`
    fragment Indicator on EconomicPoint {
  value
  asOf
  title
  seriesId
  provenance {
    stale
  }
  history(years: 5) {
    asOf
    value
  }
}
    `, {"fragmentName":"Indicator"}) as unknown as TypedDocumentString<IndicatorFragment, unknown>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    role
    user {
      email
    }
    organisation {
      name
      tier
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const ValuationProgressDocument = new TypedDocumentString(`
    subscription ValuationProgress($id: ID!) {
  valuationProgress(id: $id) {
    jobId
    seq
    status
    stage
    percent
    message
  }
}
    `) as unknown as TypedDocumentString<ValuationProgressSubscription, ValuationProgressSubscriptionVariables>;
export const StoredProgressDocument = new TypedDocumentString(`
    query StoredProgress($id: ID!) {
  valuation(id: $id) {
    id
    status
    stage
    progress
  }
}
    `) as unknown as TypedDocumentString<StoredProgressQuery, StoredProgressQueryVariables>;
export const DocumentsForFormDocument = new TypedDocumentString(`
    query DocumentsForForm {
  documents(first: 50) {
    id
    filename
    kind
    status
    progress
    createdAt
    error {
      message
    }
    extraction {
      periods {
        fiscalYearEnd
        revenue
        ebitda
        ebit
        netIncome
        depreciationAndAmortisation
        capitalExpenditure
        changeInWorkingCapital
        cash
        borrowings
        leaseLiabilities
        sharesOutstanding
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DocumentsForFormQuery, DocumentsForFormQueryVariables>;
export const DocumentProgressDocument = new TypedDocumentString(`
    subscription DocumentProgress($id: ID!) {
  documentProgress(id: $id) {
    documentId
    status
    percent
    message
  }
}
    `) as unknown as TypedDocumentString<DocumentProgressSubscription, DocumentProgressSubscriptionVariables>;
export const CompanyPageDocument = new TypedDocumentString(`
    query CompanyPage($ticker: String!) {
  company(ticker: $ticker) {
    ticker
    name
    gicsIndustryGroup
    abn
    acn
    provenance {
      source
      asOf
      synthetic
      stale
    }
    marketData {
      price
      marketCap
      enterpriseValue
      sharesOutstanding
      beta
      asOf
      provenance {
        source
        asOf
        synthetic
        stale
      }
    }
    financials {
      currency
      provenance {
        source
        asOf
        synthetic
        stale
      }
      periods {
        fiscalYearEnd
        revenue
        ebitda
        ebit
        netIncome
        netDebt
        dividends
      }
    }
    multiples {
      evToEbitda
      evToRevenue
      evToEbit
      priceToEarnings
      fiscalYearEnd
    }
    peers(first: 10) {
      similarity
      company {
        ticker
        name
        marketData {
          marketCap
        }
      }
      multiples {
        evToEbitda
        evToRevenue
        priceToEarnings
      }
    }
    filings(first: 8) {
      edges {
        node {
          id
          title
          documentType
          releasedAt
          priceSensitive
          url
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CompanyPageQuery, CompanyPageQueryVariables>;
export const EconomyDocument = new TypedDocumentString(`
    query Economy {
  economicIndicators {
    cashRate {
      ...Indicator
    }
    tenYearBondYield {
      ...Indicator
    }
    cpiYearEnded {
      ...Indicator
    }
    trimmedMeanInflation {
      ...Indicator
    }
  }
}
    fragment Indicator on EconomicPoint {
  value
  asOf
  title
  seriesId
  provenance {
    stale
  }
  history(years: 5) {
    asOf
    value
  }
}`) as unknown as TypedDocumentString<EconomyQuery, EconomyQueryVariables>;
export const SearchCompaniesDocument = new TypedDocumentString(`
    query SearchCompanies($filter: CompanyFilter, $first: Int!) {
  companies(first: $first, filter: $filter) {
    totalCount
    edges {
      node {
        ticker
        name
        gicsIndustryGroup
        marketData {
          price
          marketCap
          provenance {
            source
            asOf
            synthetic
            stale
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchCompaniesQuery, SearchCompaniesQueryVariables>;
export const CreateValuationDocument = new TypedDocumentString(`
    mutation CreateValuation($input: ValuationInput!, $idempotencyKey: String) {
  createValuation(input: $input, idempotencyKey: $idempotencyKey) {
    job {
      id
      status
    }
    userErrors {
      field
      code
      message
    }
    warnings {
      field
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<CreateValuationMutation, CreateValuationMutationVariables>;
export const ValuationListDocument = new TypedDocumentString(`
    query ValuationList {
  valuations(first: 50) {
    id
    companyName
    status
    progress
    createdAt
    completedAt
    result {
      priceRange {
        low
        high
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ValuationListQuery, ValuationListQueryVariables>;
export const ValuationPageDocument = new TypedDocumentString(`
    query ValuationPage($id: ID!) {
  valuation(id: $id) {
    id
    companyName
    status
    stage
    progress
    createdAt
    completedAt
    error {
      code
      message
    }
    result {
      priceRange {
        low
        mid
        high
      }
      valuationRange {
        low
        mid
        high
      }
      enterpriseValue {
        low
        mid
        high
      }
      equityValue {
        low
        mid
        high
      }
      ipoDiscount
      offerRangeWidth
      sector
      targetMultiple
      peerMedianEvToEbitda
      wacc
      methods {
        method
        period
        low
        mid
        high
        weight
        basis
        perShare {
          low
          mid
          high
        }
        multipleLow
        multipleMid
        multipleHigh
      }
      peers {
        ticker
        evToEbitda
        evToRevenue
        priceToEarnings
        leveredBeta
        debtToEquity
        excluded
        reason
      }
      admissionChecks {
        name
        rule
        outcome
        explanation
      }
      warningDetails {
        code
        message
      }
      sources {
        subject
        source
        asOf
        synthetic
        stale
      }
      documentSources {
        documentId
        fiscalYearEnd
        field
        value
        page
        corrected
      }
      details
    }
  }
}
    `) as unknown as TypedDocumentString<ValuationPageQuery, ValuationPageQueryVariables>;
export const MonteCarloDocument = new TypedDocumentString(`
    query MonteCarlo($id: ID!) {
  valuation(id: $id) {
    monteCarlo(bins: 40) {
      p10
      p50
      p90
      mean
      draws
      histogram {
        low
        high
        count
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MonteCarloQuery, MonteCarloQueryVariables>;
export const ValuationReportsDocument = new TypedDocumentString(`
    query ValuationReports($id: ID!) {
  valuation(id: $id) {
    reports {
      pdf {
        id
        status
        progress
        url
        sizeBytes
        error {
          message
        }
      }
      xlsx {
        id
        status
        progress
        url
        sizeBytes
        error {
          message
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ValuationReportsQuery, ValuationReportsQueryVariables>;