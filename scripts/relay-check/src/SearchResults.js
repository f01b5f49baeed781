// The search box's results: ranked hits, paged forward as the user scrolls and back again.
import { graphql } from 'relay-runtime';

export const searchResultsQuery = graphql`
  query SearchResultsQuery($query: String!) {
    ...SearchResults_hits @arguments(query: $query)
  }
`;

export const searchHits = graphql`
  fragment SearchResults_hits on Query
  @refetchable(queryName: "SearchResultsPaginationQuery")
  @argumentDefinitions(
    query: { type: "String!" }
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    search(query: $query, first: $first, after: $after, last: $last, before: $before)
    @connection(key: "SearchResults_search") {
      totalCount
      totalCountIsLowerBound
      edges {
        snippet
        score
        node {
          __typename
          ... on Profession { id slug title }
          ... on Skill { id slug name }
          ... on Training { id slug title }
          ... on BlogPost { id slug title }
          ... on GlossaryTerm { id slug term }
        }
      }
    }
  }
`;
