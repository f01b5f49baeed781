// Package migrations embeds careergraph's versioned schema migrations, one folder per database
// dialect, in golang-migrate's format (<version>_<name>.up.sql / .down.sql).
//
// The files are written by `go run ./scripts/migration NAME` from the ent schema and then
// reviewed and committed; internal/store applies them. A test in internal/store fails when the ent
// schema and the migrations disagree.
package migrations

import "embed"

// FS holds the postgres/ and sqlite/ folders.
//
//go:embed postgres sqlite
var FS embed.FS
