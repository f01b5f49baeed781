// A small GraphQL client for persisted documents: it sends a document's hash as documentId (the
// GraphQL-over-HTTP persisted-documents convention) and never the document's text, so it works
// against a server that runs only registered documents (TRUSTED_DOCUMENTS=true).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A document as the client preset writes it with persistedDocuments: its hash is in __meta__. */
type PersistedDocument<TResult, TVariables> = TypedDocumentNode<TResult, TVariables> & {
  __meta__?: { hash?: string };
};

/** An error the API answered with, its code among careergraph's (BAD_USER_INPUT, NOT_FOUND, …). */
export class GraphQLError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class Client {
  constructor(
    readonly endpoint: string,
    readonly headers: Record<string, string> = {},
  ) {}

  /** Runs document with variables and returns its typed data, or throws the first error. */
  async execute<TResult, TVariables>(
    document: PersistedDocument<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    const documentId = document.__meta__?.hash;
    if (!documentId) {
      throw new Error('the document has no hash: run `npm run codegen` (persistedDocuments)');
    }
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json',
        ...this.headers,
      },
      body: JSON.stringify({ documentId, variables }),
    });
    const body = (await response.json()) as {
      data?: TResult | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const first = body.errors?.[0];
    if (first) {
      throw new GraphQLError(first.message, first.extensions?.code);
    }
    if (!body.data) {
      throw new Error(`no data in the answer (HTTP ${response.status})`);
    }
    return body.data;
  }
}
