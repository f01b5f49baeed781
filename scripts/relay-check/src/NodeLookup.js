// Anything by its ID, as Relay refetches: node(id:) and nodes(ids:).
import { graphql } from 'relay-runtime';

export const nodeQuery = graphql`
  query NodeLookupQuery($id: ID!, $ids: [ID!]!) {
    node(id: $id) {
      id
      ... on Profession { title }
      ... on Training { title }
    }
    nodes(ids: $ids) {
      id
      __typename
    }
  }
`;
