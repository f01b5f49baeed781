// @graphql-eslint's Relay rules over the committed schema (schema/contract/current.graphql), and its
// recommended operation rules over the documents in src/. check.mjs runs ESLint with this file from
// the repository's root.
import graphql from '@graphql-eslint/eslint-plugin';

const schema = 'schema/contract/current.graphql';
// One graphql-config for every file: the plugin loads it once, for whichever file comes first.
const graphQLConfig = { schema, documents: 'scripts/relay-check/src/**/*.js' };

export default [
  {
    files: [schema],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      // Every connection has first/after and last/before, its edges a node and a cursor, and its
      // pageInfo the four fields Relay reads.
      ...graphql.configs['flat/schema-relay'].rules,
      // Edges are named …Edge and their nodes implement Node, but lists of values (a facet's
      // counts, a profession's alternative titles, nodes(ids:) itself) stay plain lists: the
      // Relay specification asks nothing of them, and they are bounded by what they list.
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false }],
    },
  },
  {
    files: ['scripts/relay-check/src/**/*.js'],
    processor: graphql.processor,
  },
  {
    files: ['scripts/relay-check/src/**/*.js/*.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/operations-recommended'].rules,
      // Relay's own directives and fragment arguments, which graphql-js does not know.
      '@graphql-eslint/known-directives': 'off',
      '@graphql-eslint/known-argument-names': 'off',
      '@graphql-eslint/no-undefined-variables': 'off',
      '@graphql-eslint/no-unused-variables': 'off',
      // Relay names operations after their module and needs no operation hash files.
      '@graphql-eslint/naming-convention': 'off',
    },
  },
];
