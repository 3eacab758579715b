import { graphql } from "../gql";
import type { ValuationPageQuery } from "../gql/graphql";

export const ValuationPageDocument = graphql(`
  query ValuationPage($id: ID!) {
    valuation(id: $id) {
      id
      companyName
      status
      stage
      progress
      createdAt
      completedAt
      error { code message }
      result {
        priceRange { low mid high }
        valuationRange { low mid high }
        enterpriseValue { low mid high }
        equityValue { low mid high }
        ipoDiscount
        offerRangeWidth
        sector
        targetMultiple
        peerMedianEvToEbitda
        wacc
        methods {
          method period low mid high weight basis
          perShare { low mid high }
          multipleLow multipleMid multipleHigh
        }
        peers { ticker evToEbitda evToRevenue priceToEarnings leveredBeta debtToEquity excluded reason }
        admissionChecks { name rule outcome explanation }
        warningDetails { code message }
        sources { subject source asOf synthetic stale }
        documentSources { documentId fiscalYearEnd field value page corrected }
        details
      }
    }
  }
`);

export const MonteCarloDocument = graphql(`
  query MonteCarlo($id: ID!) {
    valuation(id: $id) {
      monteCarlo(bins: 40) { p10 p50 p90 mean draws histogram { low high count } }
    }
  }
`);

export const ReportsDocument = graphql(`
  query ValuationReports($id: ID!) {
    valuation(id: $id) {
      reports {
        pdf { id status progress url sizeBytes error { message } }
        xlsx { id status progress url sizeBytes error { message } }
      }
    }
  }
`);

export type Job = NonNullable<ValuationPageQuery["valuation"]>;
export type Result = NonNullable<Job["result"]>;
