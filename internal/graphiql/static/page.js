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
  var fetcher = GraphiQL.createFetcher({ url: endpoint });

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
