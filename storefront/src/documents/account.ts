import { graphql } from "@/gql";

export const TokenCreateDocument = graphql(`
  mutation TokenCreate($email: String!, $password: String!) {
    tokenCreate(email: $email, password: $password) {
      token
      errors {
        field
        code
        message
      }
    }
  }
`);

// Ours alone (works without Saleor): organizations, each wallet with its ledger, instances.
export const AccountOrganizationsDocument = graphql(`
  query AccountOrganizations {
    organizations {
      id
      slug
      name
      wallet {
        id
        balance
        reserved
        available
        entries(first: 10) {
          edges {
            node {
              id
              kind
              amount
              balanceAfter
              reference
              createdAt
            }
          }
        }
      }
      instances(first: 50) {
        totalCount
        edges {
          node {
            id
            name
            status
            createdAt
            offering {
              slug
              name
              creditsPerRun
            }
            plan {
              name
            }
          }
        }
      }
    }
  }
`);

// The Saleor user with the invitations waiting for them (contract v2: User.invitations).
// Validates once membership consent (contract v2) is in schema/supergraph.graphql, as are
// MembershipAccept below; InvitationDecline (memberRemove) validates today.
export const AccountInvitationsDocument = graphql(`
  query AccountInvitations {
    me {
      id
      email
      invitations {
        role
        status
        createdAt
        organization {
          id
          name
          slug
        }
      }
    }
  }
`);

export const OrganizationCreateDocument = graphql(`
  mutation OrganizationCreate($input: OrganizationCreateInput!) {
    organizationCreate(input: $input) {
      organization {
        id
        name
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

export const MembershipAcceptDocument = graphql(`
  mutation MembershipAccept($organizationId: ID!) {
    membershipAccept(organizationId: $organizationId) {
      membership {
        status
        organization {
          id
          name
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

export const InvitationDeclineDocument = graphql(`
  mutation InvitationDecline($input: MemberRemoveInput!) {
    memberRemove(input: $input) {
      errors {
        field
        code
        message
      }
    }
  }
`);
