import { graphql } from "@/gql";

export const InstancePageDocument = graphql(`
  query InstancePage($id: ID!) {
    instance(id: $id) {
      id
      name
      status
      offering {
        slug
        name
        creditsPerRun
      }
      plan {
        name
      }
      organization {
        id
        name
        wallet {
          available
        }
      }
      runs(first: 10) {
        totalCount
        edges {
          node {
            ...RunSummary
          }
        }
      }
    }
  }
`);

export const RunSummaryFragment = graphql(`
  fragment RunSummary on Run {
    id
    status
    input
    output
    error
    creditsCharged
    createdAt
    finishedAt
    usage {
      durationMs
    }
  }
`);

export const RunStartDocument = graphql(`
  mutation RunStart($input: RunStartInput!) {
    runStart(input: $input) {
      run {
        ...RunSummary
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

// The run now, then on every change until it ends; with the wallet it draws on, which the
// router resolves from billing for each event.
export const RunUpdatedDocument = graphql(`
  subscription RunUpdated($id: ID!) {
    runUpdated(id: $id) {
      ...RunSummary
      instance {
        organization {
          wallet {
            available
          }
        }
      }
    }
  }
`);
