import { graphql } from "@/gql";

// An agent with its plans and, when Saleor is federated, the variants that sell them (price)
// and the product's credit packs. Saleor's fields are nullable: without Saleor they come back
// null with an error naming them, and the page still shows the offering.
export const OfferingPageDocument = graphql(`
  query OfferingPage($slug: String!) {
    offering(slug: $slug) {
      id
      slug
      name
      description
      creditsPerRun
      plans {
        id
        code
        name
        includedCredits
        variant {
          id
          name
          sku
          pricing {
            price {
              gross {
                amount
                currency
              }
            }
          }
        }
      }
      product {
        id
        name
        thumbnail {
          url
          alt
        }
        variants {
          id
          name
          sku
          creditPack
          pricing {
            price {
              gross {
                amount
                currency
              }
            }
          }
        }
      }
    }
  }
`);
