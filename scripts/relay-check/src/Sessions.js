// Upcoming classroom sessions in a city, soonest first, and registering for one.
import { graphql } from 'relay-runtime';

export const sessionsQuery = graphql`
  query SessionsQuery($city: String!, $count: Int!, $cursor: Cursor) {
    trainingSessions(
      first: $count
      after: $cursor
      where: { online: false, city: $city, status: SCHEDULED }
      orderBy: [{ field: STARTS_AT }]
    ) @connection(key: "Sessions_trainingSessions", filters: ["where"]) {
      totalCount
      edges {
        node {
          id
          startsAt
          endsAt
          venue
          seatsLeft
          training { id title level price { amount currency } provider { id name } }
        }
      }
    }
  }
`;

export const registerMutation = graphql`
  mutation SessionsRegisterMutation($input: RegisterForSessionInput!) {
    registerForSession(input: $input) {
      registrationId
      status
      cancelSecret
      session { id seatsLeft }
    }
  }
`;
