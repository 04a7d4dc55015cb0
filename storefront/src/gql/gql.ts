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
    "\n  mutation TokenCreate($email: String!, $password: String!) {\n    tokenCreate(email: $email, password: $password) {\n      token\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.TokenCreateDocument,
    "\n  query AccountOrganizations {\n    organizations {\n      id\n      slug\n      name\n      wallet {\n        id\n        balance\n        reserved\n        available\n        entries(first: 10) {\n          edges {\n            node {\n              id\n              kind\n              amount\n              balanceAfter\n              reference\n              createdAt\n            }\n          }\n        }\n      }\n      instances(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            status\n            createdAt\n            offering {\n              slug\n              name\n              creditsPerRun\n            }\n            plan {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountOrganizationsDocument,
    "\n  query AccountInvitations {\n    me {\n      id\n      email\n      invitations {\n        role\n        status\n        createdAt\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.AccountInvitationsDocument,
    "\n  mutation OrganizationCreate($input: OrganizationCreateInput!) {\n    organizationCreate(input: $input) {\n      organization {\n        id\n        name\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.OrganizationCreateDocument,
    "\n  mutation MembershipAccept($organizationId: ID!) {\n    membershipAccept(organizationId: $organizationId) {\n      membership {\n        status\n        organization {\n          id\n          name\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.MembershipAcceptDocument,
    "\n  mutation InvitationDecline($input: MemberRemoveInput!) {\n    memberRemove(input: $input) {\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.InvitationDeclineDocument,
    "\n  query CatalogProducts($channel: String!, $first: Int!, $after: String) {\n    products(channel: $channel, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          slug\n          thumbnail {\n            url\n            alt\n          }\n          pricing {\n            priceRange {\n              start {\n                gross {\n                  amount\n                  currency\n                }\n              }\n            }\n          }\n          offering {\n            id\n            slug\n            name\n            description\n            creditsPerRun\n            plans {\n              id\n              name\n              includedCredits\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogProductsDocument,
    "\n  query CatalogOfferings($first: Int!, $after: String) {\n    offerings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          slug\n          name\n          description\n          creditsPerRun\n          plans {\n            id\n            name\n            includedCredits\n          }\n        }\n      }\n    }\n  }\n": typeof types.CatalogOfferingsDocument,
    "\n  mutation CheckoutCreate($input: CheckoutCreateInput!) {\n    checkoutCreate(input: $input) {\n      checkout {\n        id\n        email\n        isShippingRequired\n        totalPrice {\n          gross {\n            amount\n            currency\n          }\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CheckoutCreateDocument,
    "\n  mutation CheckoutPaymentCreate($id: ID!, $input: PaymentInput!) {\n    checkoutPaymentCreate(id: $id, input: $input) {\n      payment {\n        id\n        chargeStatus\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CheckoutPaymentCreateDocument,
    "\n  mutation CheckoutComplete($id: ID!) {\n    checkoutComplete(id: $id) {\n      order {\n        id\n        number\n        isPaid\n        status\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.CheckoutCompleteDocument,
    "\n  query BuyerOrganizations {\n    organizations {\n      id\n      name\n    }\n  }\n": typeof types.BuyerOrganizationsDocument,
    "\n  query InstancePage($id: ID!) {\n    instance(id: $id) {\n      id\n      name\n      status\n      offering {\n        slug\n        name\n        creditsPerRun\n      }\n      plan {\n        name\n      }\n      organization {\n        id\n        name\n        wallet {\n          available\n        }\n      }\n      runs(first: 10) {\n        totalCount\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n": typeof types.InstancePageDocument,
    "\n  fragment RunSummary on Run {\n    id\n    status\n    input\n    output\n    error\n    creditsCharged\n    createdAt\n    finishedAt\n    usage {\n      durationMs\n    }\n  }\n": typeof types.RunSummaryFragmentDoc,
    "\n  mutation RunStart($input: RunStartInput!) {\n    runStart(input: $input) {\n      run {\n        ...RunSummary\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.RunStartDocument,
    "\n  subscription RunUpdated($id: ID!) {\n    runUpdated(id: $id) {\n      ...RunSummary\n      instance {\n        organization {\n          wallet {\n            available\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunUpdatedDocument,
    "\n  query OfferingPage($slug: String!) {\n    offering(slug: $slug) {\n      id\n      slug\n      name\n      description\n      creditsPerRun\n      plans {\n        id\n        code\n        name\n        includedCredits\n        variant {\n          id\n          name\n          sku\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n      product {\n        id\n        name\n        thumbnail {\n          url\n          alt\n        }\n        variants {\n          id\n          name\n          sku\n          creditPack\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.OfferingPageDocument,
};
const documents: Documents = {
    "\n  mutation TokenCreate($email: String!, $password: String!) {\n    tokenCreate(email: $email, password: $password) {\n      token\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.TokenCreateDocument,
    "\n  query AccountOrganizations {\n    organizations {\n      id\n      slug\n      name\n      wallet {\n        id\n        balance\n        reserved\n        available\n        entries(first: 10) {\n          edges {\n            node {\n              id\n              kind\n              amount\n              balanceAfter\n              reference\n              createdAt\n            }\n          }\n        }\n      }\n      instances(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            status\n            createdAt\n            offering {\n              slug\n              name\n              creditsPerRun\n            }\n            plan {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AccountOrganizationsDocument,
    "\n  query AccountInvitations {\n    me {\n      id\n      email\n      invitations {\n        role\n        status\n        createdAt\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": types.AccountInvitationsDocument,
    "\n  mutation OrganizationCreate($input: OrganizationCreateInput!) {\n    organizationCreate(input: $input) {\n      organization {\n        id\n        name\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.OrganizationCreateDocument,
    "\n  mutation MembershipAccept($organizationId: ID!) {\n    membershipAccept(organizationId: $organizationId) {\n      membership {\n        status\n        organization {\n          id\n          name\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.MembershipAcceptDocument,
    "\n  mutation InvitationDecline($input: MemberRemoveInput!) {\n    memberRemove(input: $input) {\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.InvitationDeclineDocument,
    "\n  query CatalogProducts($channel: String!, $first: Int!, $after: String) {\n    products(channel: $channel, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          slug\n          thumbnail {\n            url\n            alt\n          }\n          pricing {\n            priceRange {\n              start {\n                gross {\n                  amount\n                  currency\n                }\n              }\n            }\n          }\n          offering {\n            id\n            slug\n            name\n            description\n            creditsPerRun\n            plans {\n              id\n              name\n              includedCredits\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CatalogProductsDocument,
    "\n  query CatalogOfferings($first: Int!, $after: String) {\n    offerings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          slug\n          name\n          description\n          creditsPerRun\n          plans {\n            id\n            name\n            includedCredits\n          }\n        }\n      }\n    }\n  }\n": types.CatalogOfferingsDocument,
    "\n  mutation CheckoutCreate($input: CheckoutCreateInput!) {\n    checkoutCreate(input: $input) {\n      checkout {\n        id\n        email\n        isShippingRequired\n        totalPrice {\n          gross {\n            amount\n            currency\n          }\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CheckoutCreateDocument,
    "\n  mutation CheckoutPaymentCreate($id: ID!, $input: PaymentInput!) {\n    checkoutPaymentCreate(id: $id, input: $input) {\n      payment {\n        id\n        chargeStatus\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CheckoutPaymentCreateDocument,
    "\n  mutation CheckoutComplete($id: ID!) {\n    checkoutComplete(id: $id) {\n      order {\n        id\n        number\n        isPaid\n        status\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.CheckoutCompleteDocument,
    "\n  query BuyerOrganizations {\n    organizations {\n      id\n      name\n    }\n  }\n": types.BuyerOrganizationsDocument,
    "\n  query InstancePage($id: ID!) {\n    instance(id: $id) {\n      id\n      name\n      status\n      offering {\n        slug\n        name\n        creditsPerRun\n      }\n      plan {\n        name\n      }\n      organization {\n        id\n        name\n        wallet {\n          available\n        }\n      }\n      runs(first: 10) {\n        totalCount\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n": types.InstancePageDocument,
    "\n  fragment RunSummary on Run {\n    id\n    status\n    input\n    output\n    error\n    creditsCharged\n    createdAt\n    finishedAt\n    usage {\n      durationMs\n    }\n  }\n": types.RunSummaryFragmentDoc,
    "\n  mutation RunStart($input: RunStartInput!) {\n    runStart(input: $input) {\n      run {\n        ...RunSummary\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n": types.RunStartDocument,
    "\n  subscription RunUpdated($id: ID!) {\n    runUpdated(id: $id) {\n      ...RunSummary\n      instance {\n        organization {\n          wallet {\n            available\n          }\n        }\n      }\n    }\n  }\n": types.RunUpdatedDocument,
    "\n  query OfferingPage($slug: String!) {\n    offering(slug: $slug) {\n      id\n      slug\n      name\n      description\n      creditsPerRun\n      plans {\n        id\n        code\n        name\n        includedCredits\n        variant {\n          id\n          name\n          sku\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n      product {\n        id\n        name\n        thumbnail {\n          url\n          alt\n        }\n        variants {\n          id\n          name\n          sku\n          creditPack\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.OfferingPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokenCreate($email: String!, $password: String!) {\n    tokenCreate(email: $email, password: $password) {\n      token\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').TokenCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountOrganizations {\n    organizations {\n      id\n      slug\n      name\n      wallet {\n        id\n        balance\n        reserved\n        available\n        entries(first: 10) {\n          edges {\n            node {\n              id\n              kind\n              amount\n              balanceAfter\n              reference\n              createdAt\n            }\n          }\n        }\n      }\n      instances(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            name\n            status\n            createdAt\n            offering {\n              slug\n              name\n              creditsPerRun\n            }\n            plan {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountInvitations {\n    me {\n      id\n      email\n      invitations {\n        role\n        status\n        createdAt\n        organization {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountInvitationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OrganizationCreate($input: OrganizationCreateInput!) {\n    organizationCreate(input: $input) {\n      organization {\n        id\n        name\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').OrganizationCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembershipAccept($organizationId: ID!) {\n    membershipAccept(organizationId: $organizationId) {\n      membership {\n        status\n        organization {\n          id\n          name\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').MembershipAcceptDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationDecline($input: MemberRemoveInput!) {\n    memberRemove(input: $input) {\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').InvitationDeclineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogProducts($channel: String!, $first: Int!, $after: String) {\n    products(channel: $channel, first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          slug\n          thumbnail {\n            url\n            alt\n          }\n          pricing {\n            priceRange {\n              start {\n                gross {\n                  amount\n                  currency\n                }\n              }\n            }\n          }\n          offering {\n            id\n            slug\n            name\n            description\n            creditsPerRun\n            plans {\n              id\n              name\n              includedCredits\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CatalogProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogOfferings($first: Int!, $after: String) {\n    offerings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          slug\n          name\n          description\n          creditsPerRun\n          plans {\n            id\n            name\n            includedCredits\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CatalogOfferingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckoutCreate($input: CheckoutCreateInput!) {\n    checkoutCreate(input: $input) {\n      checkout {\n        id\n        email\n        isShippingRequired\n        totalPrice {\n          gross {\n            amount\n            currency\n          }\n        }\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').CheckoutCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckoutPaymentCreate($id: ID!, $input: PaymentInput!) {\n    checkoutPaymentCreate(id: $id, input: $input) {\n      payment {\n        id\n        chargeStatus\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').CheckoutPaymentCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckoutComplete($id: ID!) {\n    checkoutComplete(id: $id) {\n      order {\n        id\n        number\n        isPaid\n        status\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').CheckoutCompleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuyerOrganizations {\n    organizations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').BuyerOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstancePage($id: ID!) {\n    instance(id: $id) {\n      id\n      name\n      status\n      offering {\n        slug\n        name\n        creditsPerRun\n      }\n      plan {\n        name\n      }\n      organization {\n        id\n        name\n        wallet {\n          available\n        }\n      }\n      runs(first: 10) {\n        totalCount\n        edges {\n          node {\n            ...RunSummary\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').InstancePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunSummary on Run {\n    id\n    status\n    input\n    output\n    error\n    creditsCharged\n    createdAt\n    finishedAt\n    usage {\n      durationMs\n    }\n  }\n"): typeof import('./graphql').RunSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunStart($input: RunStartInput!) {\n    runStart(input: $input) {\n      run {\n        ...RunSummary\n      }\n      errors {\n        field\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').RunStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunUpdated($id: ID!) {\n    runUpdated(id: $id) {\n      ...RunSummary\n      instance {\n        organization {\n          wallet {\n            available\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RunUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfferingPage($slug: String!) {\n    offering(slug: $slug) {\n      id\n      slug\n      name\n      description\n      creditsPerRun\n      plans {\n        id\n        code\n        name\n        includedCredits\n        variant {\n          id\n          name\n          sku\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n      product {\n        id\n        name\n        thumbnail {\n          url\n          alt\n        }\n        variants {\n          id\n          name\n          sku\n          creditPack\n          pricing {\n            price {\n              gross {\n                amount\n                currency\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OfferingPageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
