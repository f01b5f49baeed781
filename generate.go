package main

// Generated code is never edited by hand: change ent/schema, schema/*.graphql or gqlgen.yml and
// run `go generate ./...`. First entc writes ent/ and schema/ent.graphql, then gqlgen compiles all
// of schema/ into graph/generated and adds resolver stubs to graph/; last, the schema as clients
// see it is printed to schema/contract/current.graphql.
//go:generate go run ./scripts/entc
//go:generate go run ./scripts/gqlgen
//go:generate go run ./scripts/printschema
