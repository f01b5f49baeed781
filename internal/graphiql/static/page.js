// Mounts GraphiQL on the page, talking to the endpoint that the server names in
// <body data-endpoint>. React, ReactDOM and GraphiQL are the browser bundles
// served next to this file (loaded before it, in order, by the page), so the
// page works with no access to the internet.
(function () {
  'use strict';

  // The first thing a visitor sees: a query that runs as it is, and where to
  // put credentials.
  var defaultQuery = [
    '# Welcome to careergraph\'s GraphiQL.',
    '#',
    '# Type to write a query: Ctrl+Space lists the fields that fit where the cursor is,',
    '# Ctrl+Enter runs it, and the Documentation Explorer (the book icon) browses the schema.',
    '# Credentials go in the Headers tab below the editor, for example',
    '#   { "Authorization": "Bearer <token>" }  or  { "X-API-Key": "cgk_…" }',
    '# (they are sent with every request and not stored in the browser).',
    '# Subscriptions run too, over a WebSocket: try',
    '#   subscription { sessionSeats(sessionId: "<a session\'s id>") { seatsLeft status } }',
    '',
    'query Professions {',
    '  professions(first: 5, orderBy: [{ field: TITLE }]) {',
    '    totalCount',
    '    pageInfo { hasNextPage endCursor }',
    '    edges {',
    '      node {',
    '        title',
    '        salary { min max currency period }',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');

  var endpoint = new URL(document.body.dataset.endpoint, window.location.href).href;
  // Subscriptions go over a WebSocket to the same endpoint (graphql-ws, bundled with GraphiQL);
  // the headers typed into the headers pane become its connection_init payload, where the
  // server reads credentials as it reads them from a request's headers.
  var fetcher = GraphiQL.createFetcher({
    url: endpoint,
    subscriptionUrl: endpoint.replace(/^http/, 'ws'),
  });

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      isHeadersEditorEnabled: true,
      // Tokens and keys typed into the headers pane stay in this tab only.
      shouldPersistHeaders: false,
    }),
  );
})();
