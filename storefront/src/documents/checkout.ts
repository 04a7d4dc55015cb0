import { graphql } from "@/gql";

// Checkout through Saleor's own mutations, sent to the router like everything else.
// Needs Saleor's whole schema in the supergraph (issue 11): against the stand-in
// schema/saleor.graphql the three mutations do not validate (no checkout mutations there).

export const CheckoutCreateDocument = graphql(`
  mutation CheckoutCreate($input: CheckoutCreateInput!) {
    checkoutCreate(input: $input) {
      checkout {
        id
        email
        isShippingRequired
        totalPrice {
          gross {
            amount
            currency
          }
        }
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const CheckoutPaymentCreateDocument = graphql(`
  mutation CheckoutPaymentCreate($id: ID!, $input: PaymentInput!) {
    checkoutPaymentCreate(id: $id, input: $input) {
      payment {
        id
        chargeStatus
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const CheckoutCompleteDocument = graphql(`
  mutation CheckoutComplete($id: ID!) {
    checkoutComplete(id: $id) {
      order {
        id
        number
        isPaid
        status
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

// The organizations the shopper can buy for (the `cmp.organization` metadata).
export const BuyerOrganizationsDocument = graphql(`
  query BuyerOrganizations {
    organizations {
      id
      name
    }
  }
`);
