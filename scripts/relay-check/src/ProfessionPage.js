// A profession's page: its details, and its skills a page at a time (usePaginationFragment).
import { graphql } from 'relay-runtime';

export const professionPageQuery = graphql`
  query ProfessionPageQuery($slug: String!) {
    profession(slug: $slug) {
      id
      title
      summary
      timeToLearn { minMonths maxMonths }
      salary { min max currency period }
      ...ProfessionPage_skills
    }
  }
`;

export const professionSkills = graphql`
  fragment ProfessionPage_skills on Profession
  @refetchable(queryName: "ProfessionPageSkillsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "Cursor" }) {
    id
    skills(first: $count, after: $cursor) @connection(key: "ProfessionPage_skills") {
      totalCount
      edges {
        node {
          id
          importance
          skill { id name category }
        }
      }
    }
  }
`;
