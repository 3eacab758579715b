/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me { role user { email } organisation { name tier } }\n  }\n": typeof types.ViewerDocument,
    "\n  subscription ValuationProgress($id: ID!) {\n    valuationProgress(id: $id) { jobId seq status stage percent message }\n  }\n": typeof types.ValuationProgressDocument,
    "\n  query StoredProgress($id: ID!) {\n    valuation(id: $id) { id status stage progress }\n  }\n": typeof types.StoredProgressDocument,
    "\n  query DocumentsForForm {\n    documents(first: 50) {\n      id\n      filename\n      kind\n      status\n      progress\n      createdAt\n      error { message }\n      extraction {\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome depreciationAndAmortisation\n          capitalExpenditure changeInWorkingCapital cash borrowings leaseLiabilities sharesOutstanding\n        }\n      }\n    }\n  }\n": typeof types.DocumentsForFormDocument,
    "\n  subscription DocumentProgress($id: ID!) {\n    documentProgress(id: $id) { documentId status percent message }\n  }\n": typeof types.DocumentProgressDocument,
    "\n  query CompanyPage($ticker: String!) {\n    company(ticker: $ticker) {\n      ticker\n      name\n      gicsIndustryGroup\n      abn\n      acn\n      provenance { source asOf synthetic stale }\n      marketData {\n        price marketCap enterpriseValue sharesOutstanding beta asOf\n        provenance { source asOf synthetic stale }\n      }\n      financials {\n        currency\n        provenance { source asOf synthetic stale }\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome netDebt dividends\n        }\n      }\n      multiples { evToEbitda evToRevenue evToEbit priceToEarnings fiscalYearEnd }\n      peers(first: 10) {\n        similarity\n        company { ticker name marketData { marketCap } }\n        multiples { evToEbitda evToRevenue priceToEarnings }\n      }\n      filings(first: 8) {\n        edges { node { id title documentType releasedAt priceSensitive url } }\n      }\n    }\n  }\n": typeof types.CompanyPageDocument,
    "\n  query Economy {\n    economicIndicators {\n      cashRate { ...Indicator }\n      tenYearBondYield { ...Indicator }\n      cpiYearEnded { ...Indicator }\n      trimmedMeanInflation { ...Indicator }\n    }\n  }\n  fragment Indicator on EconomicPoint {\n    value\n    asOf\n    title\n    seriesId\n    provenance { stale }\n    history(years: 5) { asOf value }\n  }\n": typeof types.EconomyDocument,
    "\n  query SearchCompanies($filter: CompanyFilter, $first: Int!) {\n    companies(first: $first, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ticker\n          name\n          gicsIndustryGroup\n          marketData { price marketCap provenance { source asOf synthetic stale } }\n        }\n      }\n    }\n  }\n": typeof types.SearchCompaniesDocument,
    "\n  mutation CreateValuation($input: ValuationInput!, $idempotencyKey: String) {\n    createValuation(input: $input, idempotencyKey: $idempotencyKey) {\n      job { id status }\n      userErrors { field code message }\n      warnings { field code message }\n    }\n  }\n": typeof types.CreateValuationDocument,
    "\n  query ValuationList {\n    valuations(first: 50) {\n      id\n      companyName\n      status\n      progress\n      createdAt\n      completedAt\n      result { priceRange { low high } }\n    }\n  }\n": typeof types.ValuationListDocument,
    "\n  query ValuationPage($id: ID!) {\n    valuation(id: $id) {\n      id\n      companyName\n      status\n      stage\n      progress\n      createdAt\n      completedAt\n      error { code message }\n      result {\n        priceRange { low mid high }\n        valuationRange { low mid high }\n        enterpriseValue { low mid high }\n        equityValue { low mid high }\n        ipoDiscount\n        offerRangeWidth\n        sector\n        targetMultiple\n        peerMedianEvToEbitda\n        wacc\n        methods {\n          method period low mid high weight basis\n          perShare { low mid high }\n          multipleLow multipleMid multipleHigh\n        }\n        peers { ticker evToEbitda evToRevenue priceToEarnings leveredBeta debtToEquity excluded reason }\n        admissionChecks { name rule outcome explanation }\n        warningDetails { code message }\n        sources { subject source asOf synthetic stale }\n        documentSources { documentId fiscalYearEnd field value page corrected }\n        details\n      }\n    }\n  }\n": typeof types.ValuationPageDocument,
    "\n  query MonteCarlo($id: ID!) {\n    valuation(id: $id) {\n      monteCarlo(bins: 40) { p10 p50 p90 mean draws histogram { low high count } }\n    }\n  }\n": typeof types.MonteCarloDocument,
    "\n  query ValuationReports($id: ID!) {\n    valuation(id: $id) {\n      reports {\n        pdf { id status progress url sizeBytes error { message } }\n        xlsx { id status progress url sizeBytes error { message } }\n      }\n    }\n  }\n": typeof types.ValuationReportsDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    me { role user { email } organisation { name tier } }\n  }\n": types.ViewerDocument,
    "\n  subscription ValuationProgress($id: ID!) {\n    valuationProgress(id: $id) { jobId seq status stage percent message }\n  }\n": types.ValuationProgressDocument,
    "\n  query StoredProgress($id: ID!) {\n    valuation(id: $id) { id status stage progress }\n  }\n": types.StoredProgressDocument,
    "\n  query DocumentsForForm {\n    documents(first: 50) {\n      id\n      filename\n      kind\n      status\n      progress\n      createdAt\n      error { message }\n      extraction {\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome depreciationAndAmortisation\n          capitalExpenditure changeInWorkingCapital cash borrowings leaseLiabilities sharesOutstanding\n        }\n      }\n    }\n  }\n": types.DocumentsForFormDocument,
    "\n  subscription DocumentProgress($id: ID!) {\n    documentProgress(id: $id) { documentId status percent message }\n  }\n": types.DocumentProgressDocument,
    "\n  query CompanyPage($ticker: String!) {\n    company(ticker: $ticker) {\n      ticker\n      name\n      gicsIndustryGroup\n      abn\n      acn\n      provenance { source asOf synthetic stale }\n      marketData {\n        price marketCap enterpriseValue sharesOutstanding beta asOf\n        provenance { source asOf synthetic stale }\n      }\n      financials {\n        currency\n        provenance { source asOf synthetic stale }\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome netDebt dividends\n        }\n      }\n      multiples { evToEbitda evToRevenue evToEbit priceToEarnings fiscalYearEnd }\n      peers(first: 10) {\n        similarity\n        company { ticker name marketData { marketCap } }\n        multiples { evToEbitda evToRevenue priceToEarnings }\n      }\n      filings(first: 8) {\n        edges { node { id title documentType releasedAt priceSensitive url } }\n      }\n    }\n  }\n": types.CompanyPageDocument,
    "\n  query Economy {\n    economicIndicators {\n      cashRate { ...Indicator }\n      tenYearBondYield { ...Indicator }\n      cpiYearEnded { ...Indicator }\n      trimmedMeanInflation { ...Indicator }\n    }\n  }\n  fragment Indicator on EconomicPoint {\n    value\n    asOf\n    title\n    seriesId\n    provenance { stale }\n    history(years: 5) { asOf value }\n  }\n": types.EconomyDocument,
    "\n  query SearchCompanies($filter: CompanyFilter, $first: Int!) {\n    companies(first: $first, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ticker\n          name\n          gicsIndustryGroup\n          marketData { price marketCap provenance { source asOf synthetic stale } }\n        }\n      }\n    }\n  }\n": types.SearchCompaniesDocument,
    "\n  mutation CreateValuation($input: ValuationInput!, $idempotencyKey: String) {\n    createValuation(input: $input, idempotencyKey: $idempotencyKey) {\n      job { id status }\n      userErrors { field code message }\n      warnings { field code message }\n    }\n  }\n": types.CreateValuationDocument,
    "\n  query ValuationList {\n    valuations(first: 50) {\n      id\n      companyName\n      status\n      progress\n      createdAt\n      completedAt\n      result { priceRange { low high } }\n    }\n  }\n": types.ValuationListDocument,
    "\n  query ValuationPage($id: ID!) {\n    valuation(id: $id) {\n      id\n      companyName\n      status\n      stage\n      progress\n      createdAt\n      completedAt\n      error { code message }\n      result {\n        priceRange { low mid high }\n        valuationRange { low mid high }\n        enterpriseValue { low mid high }\n        equityValue { low mid high }\n        ipoDiscount\n        offerRangeWidth\n        sector\n        targetMultiple\n        peerMedianEvToEbitda\n        wacc\n        methods {\n          method period low mid high weight basis\n          perShare { low mid high }\n          multipleLow multipleMid multipleHigh\n        }\n        peers { ticker evToEbitda evToRevenue priceToEarnings leveredBeta debtToEquity excluded reason }\n        admissionChecks { name rule outcome explanation }\n        warningDetails { code message }\n        sources { subject source asOf synthetic stale }\n        documentSources { documentId fiscalYearEnd field value page corrected }\n        details\n      }\n    }\n  }\n": types.ValuationPageDocument,
    "\n  query MonteCarlo($id: ID!) {\n    valuation(id: $id) {\n      monteCarlo(bins: 40) { p10 p50 p90 mean draws histogram { low high count } }\n    }\n  }\n": types.MonteCarloDocument,
    "\n  query ValuationReports($id: ID!) {\n    valuation(id: $id) {\n      reports {\n        pdf { id status progress url sizeBytes error { message } }\n        xlsx { id status progress url sizeBytes error { message } }\n      }\n    }\n  }\n": types.ValuationReportsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me { role user { email } organisation { name tier } }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ValuationProgress($id: ID!) {\n    valuationProgress(id: $id) { jobId seq status stage percent message }\n  }\n"): typeof import('./graphql').ValuationProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredProgress($id: ID!) {\n    valuation(id: $id) { id status stage progress }\n  }\n"): typeof import('./graphql').StoredProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentsForForm {\n    documents(first: 50) {\n      id\n      filename\n      kind\n      status\n      progress\n      createdAt\n      error { message }\n      extraction {\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome depreciationAndAmortisation\n          capitalExpenditure changeInWorkingCapital cash borrowings leaseLiabilities sharesOutstanding\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DocumentsForFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DocumentProgress($id: ID!) {\n    documentProgress(id: $id) { documentId status percent message }\n  }\n"): typeof import('./graphql').DocumentProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyPage($ticker: String!) {\n    company(ticker: $ticker) {\n      ticker\n      name\n      gicsIndustryGroup\n      abn\n      acn\n      provenance { source asOf synthetic stale }\n      marketData {\n        price marketCap enterpriseValue sharesOutstanding beta asOf\n        provenance { source asOf synthetic stale }\n      }\n      financials {\n        currency\n        provenance { source asOf synthetic stale }\n        periods {\n          fiscalYearEnd revenue ebitda ebit netIncome netDebt dividends\n        }\n      }\n      multiples { evToEbitda evToRevenue evToEbit priceToEarnings fiscalYearEnd }\n      peers(first: 10) {\n        similarity\n        company { ticker name marketData { marketCap } }\n        multiples { evToEbitda evToRevenue priceToEarnings }\n      }\n      filings(first: 8) {\n        edges { node { id title documentType releasedAt priceSensitive url } }\n      }\n    }\n  }\n"): typeof import('./graphql').CompanyPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Economy {\n    economicIndicators {\n      cashRate { ...Indicator }\n      tenYearBondYield { ...Indicator }\n      cpiYearEnded { ...Indicator }\n      trimmedMeanInflation { ...Indicator }\n    }\n  }\n  fragment Indicator on EconomicPoint {\n    value\n    asOf\n    title\n    seriesId\n    provenance { stale }\n    history(years: 5) { asOf value }\n  }\n"): typeof import('./graphql').EconomyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCompanies($filter: CompanyFilter, $first: Int!) {\n    companies(first: $first, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ticker\n          name\n          gicsIndustryGroup\n          marketData { price marketCap provenance { source asOf synthetic stale } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchCompaniesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateValuation($input: ValuationInput!, $idempotencyKey: String) {\n    createValuation(input: $input, idempotencyKey: $idempotencyKey) {\n      job { id status }\n      userErrors { field code message }\n      warnings { field code message }\n    }\n  }\n"): typeof import('./graphql').CreateValuationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValuationList {\n    valuations(first: 50) {\n      id\n      companyName\n      status\n      progress\n      createdAt\n      completedAt\n      result { priceRange { low high } }\n    }\n  }\n"): typeof import('./graphql').ValuationListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValuationPage($id: ID!) {\n    valuation(id: $id) {\n      id\n      companyName\n      status\n      stage\n      progress\n      createdAt\n      completedAt\n      error { code message }\n      result {\n        priceRange { low mid high }\n        valuationRange { low mid high }\n        enterpriseValue { low mid high }\n        equityValue { low mid high }\n        ipoDiscount\n        offerRangeWidth\n        sector\n        targetMultiple\n        peerMedianEvToEbitda\n        wacc\n        methods {\n          method period low mid high weight basis\n          perShare { low mid high }\n          multipleLow multipleMid multipleHigh\n        }\n        peers { ticker evToEbitda evToRevenue priceToEarnings leveredBeta debtToEquity excluded reason }\n        admissionChecks { name rule outcome explanation }\n        warningDetails { code message }\n        sources { subject source asOf synthetic stale }\n        documentSources { documentId fiscalYearEnd field value page corrected }\n        details\n      }\n    }\n  }\n"): typeof import('./graphql').ValuationPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonteCarlo($id: ID!) {\n    valuation(id: $id) {\n      monteCarlo(bins: 40) { p10 p50 p90 mean draws histogram { low high count } }\n    }\n  }\n"): typeof import('./graphql').MonteCarloDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValuationReports($id: ID!) {\n    valuation(id: $id) {\n      reports {\n        pdf { id status progress url sizeBytes error { message } }\n        xlsx { id status progress url sizeBytes error { message } }\n      }\n    }\n  }\n"): typeof import('./graphql').ValuationReportsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
