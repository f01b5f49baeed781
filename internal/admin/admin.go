// Package admin implements the command-line tasks of an installation's administrator: managing
// staff accounts and partners' API keys, trusted documents, seeding, import and export. Each
// command checks its arguments before the database is opened (see Parse).
package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"careergraph/internal/persisted"
	"careergraph/internal/seed"
	"careergraph/internal/store"
)

// registerDocuments is `documents register --client NAME FILE`: FILE is a client build tool's
// manifest (Apollo's, GraphQL Code Generator's, Relay's with SHA-256; see persisted.Manifest) or
// a JSON array of documents. The file is read and checked before the database is opened.
func registerDocuments(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	client := fs.String("client", "", "the client application the documents belong to (required)")
	return func(operands []string) (Action, error) {
		if *client == "" {
			return nil, errors.New("--client is required: name the client application, e.g. --client web")
		}
		if len(operands) != 1 {
			return nil, errors.New("name one manifest file after the flags: careergraph documents register --client NAME FILE")
		}
		raw, err := os.ReadFile(operands[0])
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %s", operands[0], plainIOError(err))
		}
		docs, err := persisted.Manifest(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", operands[0], err)
		}
		return func(ctx context.Context, st *store.Store) error {
			added, err := persisted.New(st.Client).Register(ctx, *client, docs)
			if err != nil {
				return err
			}
			fmt.Fprintf(o.Stdout, "registered %d document(s) for %s (%d new)\n", len(docs), *client, added)
			return nil
		}, nil
	}
}

// seedCommand is `seed`: the demo catalogue. (The large synthetic catalogue for benchmarks is a
// command of its own, cmd/synthetic, outside the server.)
func seedCommand(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	return func(operands []string) (Action, error) {
		return noOperands("seed", operands, func(ctx context.Context, st *store.Store) error {
			res, err := seed.Demo(ctx, st.Client, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(o.Stdout, "seeded:", res.String())
			return nil
		})
	}
}

// plainIOError is the reason of a failed file operation without Go's wrapping ("open x: ").
func plainIOError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
