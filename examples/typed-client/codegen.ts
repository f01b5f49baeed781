// GraphQL Code Generator's client preset over careergraph's committed schema: `npm run codegen`
// writes src/gql/, with typed documents for the graphql() calls in src/ and the persisted-documents
// manifest (src/gql/persisted-documents.json) to register with `careergraph documents register`.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema/contract/current.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  // Imports with .js extensions, as Node's ES modules need.
  emitLegacyCommonJSImports: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        // Each document carries its hash (document.__meta__.hash); the client sends only that.
        persistedDocuments: true,
        fragmentMasking: false,
      },
      config: {
        scalars: { Cursor: 'string', Time: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
