"""Queries shared by the benchmarks and the tests that guard their assumptions."""

# The front end's dashboard: 20 companies, each with market data, multiples and 5 peers with theirs.
DASHBOARD = """{
  companies(first: 20, filter: {industryGroup: MATERIALS}) {
    totalCount
    edges { node {
      ticker name
      marketData { price marketCap enterpriseValue beta provenance { synthetic } }
      multiples { evToEbitda evToRevenue evToEbit priceToEarnings }
      peers(first: 5) {
        similarity
        company { ticker name marketData { marketCap } }
        multiples { evToEbitda evToEbit }
      }
    } }
  }
}"""

TYPENAME = "{ __typename }"
