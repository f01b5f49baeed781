// PostGraphile v5 as a team would set it up for a public, read-only catalogue: the Amber preset,
// shorter names (@graphile/simplify-inflection), many-to-many fields through link tables
// (@graphile-contrib/pg-many-to-many) and filters on connections
// (postgraphile-plugin-connection-filter), over the views of the `pgl` schema that
// the benchmark (cmd/bench) creates (internal/bench/postgraphile.sql). server.mjs adds the pool.
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PgSimplifyInflectionPreset } from '@graphile/simplify-inflection';
import { PgManyToManyPreset } from '@graphile-contrib/pg-many-to-many';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset, PgManyToManyPreset, PostGraphileConnectionFilterPreset],
  schema: {
    // Read-only: simple views are updatable, so without this PostGraphile would offer mutations.
    defaultBehavior: '-insert -update -delete',
    // Filters on columns only: no computed columns, functions or arrays to filter by.
    connectionFilterComputedColumns: false,
    connectionFilterSetofFunctions: false,
    connectionFilterArrays: false,
  },
  grafserv: {
    graphqlPath: '/graphql',
    // No GraphiQL and no schema watching: a server under measurement serves the API only.
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
};
