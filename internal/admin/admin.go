// Package admin implements the command-line tasks of an installation's administrator: creating
// the first staff accounts and partners' API keys.
package admin

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/persisted"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
)

// PasswordEnv is the environment variable `user create` reads the password from; without it,
// the password is read from the first line of standard input. Never from a flag: flags end up in
// shell histories and process lists.
const PasswordEnv = "CAREERGRAPH_PASSWORD"

// CreateUser runs `user create --email … --role ADMIN|EDITOR [--name …]`.
func CreateUser(ctx context.Context, client *ent.Client, args []string, stdin io.Reader, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	email := fs.String("email", "", "sign-in e-mail address (required)")
	role := fs.String("role", "EDITOR", "ADMIN or EDITOR")
	name := fs.String("name", "", "the staff member's name")
	fs.SetOutput(stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *email == "" {
		return errors.New("--email is required")
	}
	r := enum.Role(strings.ToUpper(*role))
	if r != enum.Admin && r != enum.Editor {
		return fmt.Errorf("--role must be ADMIN or EDITOR, not %q", *role)
	}
	password := getenv(PasswordEnv)
	if password == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("reading the password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if password == "" {
		return fmt.Errorf("no password: set %s or write it on standard input", PasswordEnv)
	}
	u, err := auth.New(client, auth.Options{}).CreateUser(access.AsSystem(ctx), client, auth.NewUser{Email: *email, Name: *name, Password: password, Role: r})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s %s\n", u.Role, u.Email)
	return nil
}

// CreateKey runs `apikey create --name … --scope … [--scope …] [--provider SLUG] [--expires YYYY-MM-DD]`.
func CreateKey(ctx context.Context, client *ent.Client, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("apikey create", flag.ContinueOnError)
	name := fs.String("name", "", "what the key is for (required)")
	providerSlug := fs.String("provider", "", "slug of the provider whose trainings the key may write")
	expires := fs.String("expires", "", "expiry date, YYYY-MM-DD; never when omitted")
	var scopes []enum.Scope
	fs.Func("scope", "CATALOGUE_READ or TRAININGS_WRITE (repeat for several)", func(s string) error {
		sc := enum.Scope(strings.ToUpper(s))
		if sc != enum.ReadCatalogue && sc != enum.WriteTrainings {
			return fmt.Errorf("unknown scope %q", s)
		}
		scopes = append(scopes, sc)
		return nil
	})
	fs.SetOutput(stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *name == "" {
		return errors.New("--name is required")
	}
	sys := access.AsSystem(ctx)
	n := auth.NewKey{Name: *name, Scopes: scopes}
	if *providerSlug != "" {
		id, err := client.Provider.Query().Where(provider.Slug(*providerSlug)).OnlyID(sys)
		if err != nil {
			return fmt.Errorf("provider %q: %w", *providerSlug, err)
		}
		n.ProviderID = &id
	}
	if *expires != "" {
		t, err := time.Parse(time.DateOnly, *expires)
		if err != nil {
			return fmt.Errorf("--expires: %w", err)
		}
		n.ExpiresAt = &t
	}
	key, k, err := auth.New(client, auth.Options{}).CreateKey(sys, client, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created API key %q (prefix %s). The key, shown only now:\n%s\n", k.Name, k.Prefix, key)
	return nil
}

// RegisterDocuments runs `documents register --client NAME FILE`: FILE is a client build tool's
// manifest (Apollo's, GraphQL Code Generator's, Relay's with SHA-256; see persisted.Manifest) or
// a JSON array of documents.
func RegisterDocuments(ctx context.Context, store *persisted.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("documents register", flag.ContinueOnError)
	client := fs.String("client", "", "the client application the documents belong to (required)")
	fs.SetOutput(stdout)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *client == "" || fs.NArg() != 1 {
		return errors.New("usage: careergraph documents register --client NAME FILE")
	}
	raw, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	docs, err := persisted.Manifest(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	added, err := store.Register(ctx, *client, docs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "registered %d document(s) for %s (%d new)\n", len(docs), *client, added)
	return nil
}

// SeedSynthetic runs `seed --synthetic [--professions N …]`: a large synthetic catalogue on
// PostgreSQL for benchmarks, with the sizes of synthetic.Large unless flags say otherwise.
func SeedSynthetic(ctx context.Context, st *store.Store, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed --synthetic", flag.ContinueOnError)
	fs.SetOutput(stdout)
	_ = fs.Bool("synthetic", true, "build a large synthetic catalogue (PostgreSQL only)")
	sizes := synthetic.Large
	fs.IntVar(&sizes.Professions, "professions", sizes.Professions, "professions")
	fs.IntVar(&sizes.Skills, "skills", sizes.Skills, "skills")
	fs.IntVar(&sizes.Needs, "links", sizes.Needs, "profession–skill links")
	fs.IntVar(&sizes.Providers, "providers", sizes.Providers, "providers")
	fs.IntVar(&sizes.Trainings, "trainings", sizes.Trainings, "trainings")
	fs.IntVar(&sizes.Sessions, "sessions", sizes.Sessions, "training sessions")
	fs.IntVar(&sizes.Posts, "posts", sizes.Posts, "blog posts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if st.Dialect != dialect.Postgres {
		return errors.New("the synthetic catalogue is built for PostgreSQL: set DATABASE_URL")
	}
	start := time.Now()
	if err := synthetic.Catalogue(ctx, st.DB, sizes, start); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "synthetic catalogue: %d professions, %d skills, %d links, %d providers, %d trainings, %d sessions, %d posts in %s\n",
		sizes.Professions, sizes.Skills, sizes.Needs, sizes.Providers, sizes.Trainings, sizes.Sessions, sizes.Posts,
		time.Since(start).Round(time.Millisecond))
	return nil
}
