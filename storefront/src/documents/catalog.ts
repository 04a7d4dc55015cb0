import { graphql } from "@/gql";

// The catalog when Saleor is federated: Saleor's products in a channel, each with the
// offering (our agent) it sells. Products that sell no offering are left out by the page.
export const CatalogProductsDocument = graphql(`
  query CatalogProducts($channel: String!, $first: Int!, $after: String) {
    products(channel: $channel, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          slug
          thumbnail {
            url
            alt
          }
          pricing {
            priceRange {
              start {
                gross {
                  amount
                  currency
                }
              }
            }
          }
          offering {
            id
            slug
            name
            description
            creditsPerRun
            plans {
              id
              name
              includedCredits
            }
          }
        }
      }
    }
  }
`);

// The catalog without Saleor: our offerings alone.
export const CatalogOfferingsDocument = graphql(`
  query CatalogOfferings($first: Int!, $after: String) {
    offerings(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          slug
          name
          description
          creditsPerRun
          plans {
            id
            name
            includedCredits
          }
        }
      }
    }
  }
`);
