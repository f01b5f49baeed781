// A typed careergraph client in a few lines: a profession's page, then search results paged
// forward and back again. Every document is sent by its hash only, so the server must have them
// registered:
//
//   npm ci && npm run codegen && npm run build
//   careergraph documents register --client typed-client-example src/gql/persisted-documents.json
//   CAREERGRAPH_URL=http://localhost:8080/graphql npm start
//
// It prints one JSON object a line: what a page would show.
import { Client } from './client.js';
import { graphql } from './gql/index.js';

const professionPage = graphql(`
  query ProfessionPage($slug: String!) {
    profession(slug: $slug) {
      id
      title
      salary { min max currency period }
      timeToLearn { minMonths maxMonths }
      skills(where: { importance: ESSENTIAL }, first: 5) {
        totalCount
        edges { node { skill { name } } }
      }
    }
  }
`);

const searchPage = graphql(`
  query SearchPage($query: String!, $first: Int, $after: String, $last: Int, $before: String) {
    search(query: $query, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges {
        node {
          __typename
          ... on Profession { title }
          ... on Skill { name }
          ... on Training { title }
          ... on BlogPost { title }
          ... on GlossaryTerm { term }
        }
      }
    }
  }
`);

const client = new Client(process.env.CAREERGRAPH_URL ?? 'http://localhost:8080/graphql');

const { profession } = await client.execute(professionPage, { slug: process.env.PROFESSION ?? 'back-end-developer' });
if (!profession) {
  throw new Error('no such profession');
}
// The result is typed: salary may be null, skills' edges are a list, and so on.
console.log(
  JSON.stringify({
    profession: profession.title,
    salary: profession.salary ? `${profession.salary.min}–${profession.salary.max} ${profession.salary.currency}` : null,
    // Relay-style connections from ent allow null edges and nodes: the types say so.
    essentialSkills: (profession.skills.edges ?? []).flatMap((e) => (e?.node ? [e.node.skill.name] : [])),
  }),
);

type Hit = NonNullable<Awaited<ReturnType<typeof searchHits>>>['edges'][number]['node'];
const label = (hit: Hit): string => ('title' in hit ? hit.title : 'name' in hit ? hit.name : 'term' in hit ? hit.term : '');

async function searchHits(variables: { query: string; first?: number; after?: string; last?: number; before?: string }) {
  return (await client.execute(searchPage, variables)).search;
}

const query = process.env.SEARCH ?? 'developer';
const first = await searchHits({ query, first: 2 });
console.log(JSON.stringify({ search: query, page: 1, hits: first.edges.map((e) => label(e.node)), totalCount: first.totalCount }));
if (first.pageInfo.hasNextPage && first.pageInfo.endCursor) {
  const second = await searchHits({ query, first: 2, after: first.pageInfo.endCursor });
  console.log(JSON.stringify({ search: query, page: 2, hits: second.edges.map((e) => label(e.node)) }));
  if (second.pageInfo.startCursor) {
    const back = await searchHits({ query, last: 2, before: second.pageInfo.startCursor });
    console.log(JSON.stringify({ search: query, page: 'back to 1', hits: back.edges.map((e) => label(e.node)) }));
  }
}
