package admin

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"careergraph/ent"
	"careergraph/ent/apikey"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/user"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/store"
)

// PasswordEnv is the environment variable `user create` and `user reset-password` read the
// password from; without it, the password is read from the first line of standard input. Never
// from a flag: flags end up in shell histories and process lists.
const PasswordEnv = "CAREERGRAPH_PASSWORD"

// specs are the database commands, in the order --help lists them.
func specs() []spec {
	return []spec{
		{"seed", "", "load the demo catalogue (creates what is missing), then exit", seedCommand},
		{"user create", "--email ADDRESS [--role ADMIN|EDITOR] [--name NAME]",
			"create a staff account; the password is read from " + PasswordEnv + "\nor, without it, from the first line of standard input", createUser},
		{"user list", "[--role ADMIN|EDITOR]", "list the staff accounts", listUsers},
		{"user disable", "--email ADDRESS", "disable a staff account: it cannot sign in, and its sessions end at once", userAction(disableUser)},
		{"user enable", "--email ADDRESS", "let a disabled staff account sign in again", userAction(enableUser)},
		{"user delete", "--email ADDRESS", "delete a staff account and its sessions; keys it created keep working,\naudit events keep its address", userAction(deleteUser)},
		{"user set-role", "--email ADDRESS --role ADMIN|EDITOR", "change a staff member's role", setRole},
		{"user reset-password", "--email ADDRESS", "set a staff member's password (from " + PasswordEnv + " or standard input)\nand end the member's sessions", resetPassword},
		{"apikey create", "--name NAME --scope SCOPE [--scope SCOPE] [--provider SLUG] [--expires YYYY-MM-DD]",
			"create a partner's API key (scopes: CATALOGUE_READ, TRAININGS_WRITE)", createKey},
		{"apikey list", "", "list the API keys: prefix, name, scopes, provider, state, expiry, last use", listKeys},
		{"apikey revoke", "--prefix PREFIX", "revoke an API key: it stops working at once", revokeKey},
		{"apikey rotate", "--prefix PREFIX [--overlap-hours N]",
			"give an API key a new secret, keeping its settings; the old secret keeps working\nfor the overlap (24 hours unless said otherwise, at most 720)", rotateKey},
		{"documents register", "--client NAME FILE",
			"register a client's GraphQL documents as trusted; FILE is a JSON object\nof SHA-256 hash → document, or a JSON array of documents", registerDocuments},
		{"import esco", "[--max-missing PERCENT] DIR", "import ESCO's occupations, skills, skill groups and their links from its\nCSV export (v1.1) in DIR; importing the same files again changes nothing.\nRefused, writing nothing, when a file is missing or empty, or when more\nthan PERCENT (default 1) of the references lead nowhere", importESCO},
		{"import", "FILE", "create or update catalogue objects from a JSON Lines file\n(docs/import-format.md); importing a file again changes nothing", importFile},
		{"export", "[FILE]", "write the whole catalogue as JSON Lines to FILE or standard output", exportFile},
	}
}

// roleFlag declares --role, checked as it is read.
func roleFlag(fs *flag.FlagSet, r *enum.Role, usage string) {
	fs.Func("role", usage, func(s string) error {
		v := enum.Role(strings.ToUpper(strings.TrimSpace(s)))
		if v != enum.Admin && v != enum.Editor {
			return fmt.Errorf("the role is ADMIN or EDITOR")
		}
		*r = v
		return nil
	})
}

// readPassword reads a new password from PasswordEnv or the first line of standard input, and
// checks its length, before anything else happens.
func readPassword(o IO) (string, error) {
	password := o.Getenv(PasswordEnv)
	if password == "" {
		line, err := bufio.NewReader(o.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("could not read the password from standard input: %s", plainIOError(err))
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if password == "" {
		return "", fmt.Errorf("no password: set %s or write it on the first line of standard input", PasswordEnv)
	}
	if len(password) < auth.MinPasswordLength {
		return "", fmt.Errorf("the password is too short: it needs at least %d characters", auth.MinPasswordLength)
	}
	return password, nil
}

// emailFlag declares --email and returns the check that it was given.
func emailFlag(fs *flag.FlagSet) func() (string, error) {
	email := fs.String("email", "", "the staff member's sign-in e-mail address (required)")
	return func() (string, error) {
		if !strings.Contains(*email, "@") {
			if *email == "" {
				return "", errors.New("--email is required: name the account, e.g. --email ann@example.org")
			}
			return "", fmt.Errorf("--email %q is not an e-mail address", *email)
		}
		return *email, nil
	}
}

// withPassword checks --email, then reads the new password.
func withPassword(email func() (string, error), o IO) (string, string, error) {
	addr, err := email()
	if err != nil {
		return "", "", err
	}
	password, err := readPassword(o)
	return addr, password, err
}

func createUser(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	email := emailFlag(fs)
	role := enum.Editor
	roleFlag(fs, &role, "ADMIN or EDITOR")
	name := fs.String("name", "", "the staff member's name")
	return func(operands []string) (Action, error) {
		addr, password, err := withPassword(email, o)
		if err != nil {
			return nil, err
		}
		return noOperands("user create", operands, func(ctx context.Context, st *store.Store) error {
			return inTx(ctx, st, func(ctx context.Context, c *ent.Client) error {
				u, err := auth.New(c, auth.Options{}).CreateUser(ctx, c, auth.NewUser{Email: addr, Name: *name, Password: password, Role: role})
				if err != nil {
					return Explain(err)
				}
				fmt.Fprintf(o.Stdout, "created %s %s\n", u.Role, u.Email)
				return nil
			})
		})
	}
}

func listUsers(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	var role enum.Role
	roleFlag(fs, &role, "list only the accounts of this role")
	return func(operands []string) (Action, error) {
		return noOperands("user list", operands, func(ctx context.Context, st *store.Store) error {
			q := st.Client.User.Query().Order(ent.Asc(user.FieldEmail))
			if role != "" {
				q.Where(user.RoleEQ(role))
			}
			users, err := q.All(access.AsSystem(ctx))
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(o.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "E-MAIL\tNAME\tROLE\tSTATE\tLAST SIGN-IN")
			for _, u := range users {
				state := "enabled"
				if u.Disabled {
					state = "disabled"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", u.Email, orDash(u.Name), u.Role, state, when(u.LastSignInAt))
			}
			return w.Flush()
		})
	}
}

// userAction is a command that does one thing to the account named by --email.
func userAction(do func(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error)) func(*flag.FlagSet, IO) func([]string) (Action, error) {
	return func(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
		email := emailFlag(fs)
		return func(operands []string) (Action, error) {
			addr, err := email()
			if err != nil {
				return nil, err
			}
			return noOperands(fs.Name()[len("careergraph "):], operands, onUser(o, addr, do))
		}
	}
}

// onUser runs do on the account with the address, in a transaction, as the command line.
func onUser(o IO, addr string, do func(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error)) Action {
	return func(ctx context.Context, st *store.Store) error {
		return inTx(ctx, st, func(ctx context.Context, c *ent.Client) error {
			a := auth.New(c, auth.Options{})
			u, err := a.UserByEmail(ctx, c, addr)
			if err != nil {
				return Explain(err)
			}
			done, err := do(ctx, a, c, u)
			if err != nil {
				return Explain(err)
			}
			fmt.Fprintln(o.Stdout, done)
			return nil
		})
	}
}

func disableUser(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error) {
	if _, err := a.SetDisabled(ctx, c, u.ID, true); err != nil {
		return "", err
	}
	return fmt.Sprintf("disabled %s; its sessions have ended", u.Email), nil
}

func enableUser(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error) {
	if _, err := a.SetDisabled(ctx, c, u.ID, false); err != nil {
		return "", err
	}
	return fmt.Sprintf("enabled %s", u.Email), nil
}

func deleteUser(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error) {
	if _, err := a.DeleteUser(ctx, c, u.ID); err != nil {
		return "", err
	}
	return fmt.Sprintf("deleted %s and its sessions; keys it created keep working", u.Email), nil
}

func setRole(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	email := emailFlag(fs)
	var role enum.Role
	roleFlag(fs, &role, "the new role: ADMIN or EDITOR (required)")
	return func(operands []string) (Action, error) {
		addr, err := email()
		if err != nil {
			return nil, err
		}
		if role == "" {
			return nil, errors.New("--role is required: ADMIN or EDITOR")
		}
		return noOperands("user set-role", operands, onUser(o, addr, func(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error) {
			if _, err := a.SetRole(ctx, c, u.ID, role); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s is now %s", u.Email, role), nil
		}))
	}
}

func resetPassword(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	email := emailFlag(fs)
	return func(operands []string) (Action, error) {
		addr, password, err := withPassword(email, o)
		if err != nil {
			return nil, err
		}
		return noOperands("user reset-password", operands, onUser(o, addr, func(ctx context.Context, a *auth.Service, c *ent.Client, u *ent.User) (string, error) {
			if _, err := a.ResetPassword(ctx, c, u.ID, password); err != nil {
				return "", err
			}
			return fmt.Sprintf("set the password of %s; its sessions have ended", u.Email), nil
		}))
	}
}

func createKey(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	name := fs.String("name", "", "what the key is for (required)")
	providerSlug := fs.String("provider", "", "slug of the provider whose trainings the key may write")
	var expires *time.Time
	fs.Func("expires", "expiry date, YYYY-MM-DD; never when omitted", func(s string) error {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return errors.New("a date is expected as YYYY-MM-DD, e.g. 2027-06-30")
		}
		if !t.After(time.Now()) {
			return errors.New("the expiry must be in the future")
		}
		expires = &t
		return nil
	})
	var scopes []enum.Scope
	fs.Func("scope", "CATALOGUE_READ or TRAININGS_WRITE (repeat for several)", func(s string) error {
		sc := enum.Scope(strings.ToUpper(s))
		if sc != enum.ReadCatalogue && sc != enum.WriteTrainings {
			return errors.New("the scopes are CATALOGUE_READ and TRAININGS_WRITE")
		}
		scopes = append(scopes, sc)
		return nil
	})
	return func(operands []string) (Action, error) {
		switch {
		case *name == "":
			return nil, errors.New(`--name is required: say what the key is for, e.g. --name "course sync"`)
		case len(scopes) == 0:
			return nil, errors.New("--scope is required: CATALOGUE_READ, TRAININGS_WRITE, or both (repeat the flag)")
		case *providerSlug == "" && slices.Contains(scopes, enum.WriteTrainings):
			return nil, errors.New("a key with TRAININGS_WRITE writes one provider's trainings: add --provider SLUG")
		}
		return noOperands("apikey create", operands, func(ctx context.Context, st *store.Store) error {
			return inTx(ctx, st, func(ctx context.Context, c *ent.Client) error {
				n := auth.NewKey{Name: *name, Scopes: scopes, ExpiresAt: expires}
				if *providerSlug != "" {
					id, err := c.Provider.Query().Where(provider.Slug(*providerSlug)).OnlyID(ctx)
					if ent.IsNotFound(err) {
						return fmt.Errorf("--provider: no provider has the slug %q", *providerSlug)
					}
					if err != nil {
						return err
					}
					n.ProviderID = &id
				}
				key, k, err := auth.New(c, auth.Options{}).CreateKey(ctx, c, n)
				if err != nil {
					return Explain(err)
				}
				fmt.Fprintf(o.Stdout, "created API key %q (prefix %s). The key, shown only now:\n%s\n", k.Name, k.Prefix, key)
				return nil
			})
		})
	}
}

func listKeys(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	return func(operands []string) (Action, error) {
		return noOperands("apikey list", operands, func(ctx context.Context, st *store.Store) error {
			keys, err := st.Client.APIKey.Query().WithProvider().Order(ent.Asc(apikey.FieldName), ent.Asc(apikey.FieldID)).All(access.AsSystem(ctx))
			if err != nil {
				return err
			}
			now := time.Now()
			w := tabwriter.NewWriter(o.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "PREFIX\tNAME\tSCOPES\tPROVIDER\tSTATE\tEXPIRES\tLAST USED")
			for _, k := range keys {
				scopes := make([]string, len(k.Scopes))
				for i, s := range k.Scopes {
					scopes[i] = string(s)
				}
				prov := "-"
				if k.Edges.Provider != nil {
					prov = k.Edges.Provider.Slug
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.Prefix, k.Name, strings.Join(scopes, ","), prov, keyState(k, now), when(k.ExpiresAt), when(k.LastUsedAt))
			}
			return w.Flush()
		})
	}
}

// keyState says whether a key works, in a word or two.
func keyState(k *ent.APIKey, now time.Time) string {
	switch {
	case k.RevokedAt != nil:
		return "revoked"
	case k.ExpiresAt != nil && !now.Before(*k.ExpiresAt):
		return "expired"
	case k.PreviousSecretExpiresAt != nil && now.Before(*k.PreviousSecretExpiresAt):
		return "rotating (old secret until " + k.PreviousSecretExpiresAt.UTC().Format("2006-01-02 15:04") + " UTC)"
	}
	return "active"
}

// prefixFlag declares --prefix and returns the check that it was given.
func prefixFlag(fs *flag.FlagSet) func() (string, error) {
	prefix := fs.String("prefix", "", "the key's prefix, as `apikey list` shows it (required)")
	return func() (string, error) {
		p := strings.TrimPrefix(strings.TrimSpace(*prefix), "cgk_")
		p, _, _ = strings.Cut(p, "_") // A whole key names its prefix too.
		if p == "" {
			return "", errors.New("--prefix is required: the 8 characters `careergraph apikey list` shows, e.g. --prefix 1a2b3c4d")
		}
		return p, nil
	}
}

// onKey runs do on the key with the prefix, in a transaction, as the command line.
func onKey(ctx context.Context, st *store.Store, prefix string, do func(ctx context.Context, a *auth.Service, c *ent.Client, k *ent.APIKey) error) error {
	return inTx(ctx, st, func(ctx context.Context, c *ent.Client) error {
		k, err := c.APIKey.Query().Where(apikey.Prefix(prefix)).Only(ctx)
		if ent.IsNotFound(err) {
			return fmt.Errorf("no API key has the prefix %q (see careergraph apikey list)", prefix)
		}
		if err != nil {
			return err
		}
		return Explain(do(ctx, auth.New(c, auth.Options{}), c, k))
	})
}

func revokeKey(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	prefix := prefixFlag(fs)
	return func(operands []string) (Action, error) {
		p, err := prefix()
		if err != nil {
			return nil, err
		}
		return noOperands("apikey revoke", operands, func(ctx context.Context, st *store.Store) error {
			return onKey(ctx, st, p, func(ctx context.Context, a *auth.Service, c *ent.Client, k *ent.APIKey) error {
				if _, err := a.RevokeKey(ctx, c, k.ID); err != nil {
					return err
				}
				fmt.Fprintf(o.Stdout, "revoked API key %q (prefix %s)\n", k.Name, k.Prefix)
				return nil
			})
		})
	}
}

func rotateKey(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	prefix := prefixFlag(fs)
	hours := fs.Int("overlap-hours", 24, "hours the old secret keeps working, 0 to 720")
	return func(operands []string) (Action, error) {
		p, err := prefix()
		if err != nil {
			return nil, err
		}
		overlap := time.Duration(*hours) * time.Hour
		if *hours < 0 || overlap > auth.MaxRotationOverlap {
			return nil, fmt.Errorf("--overlap-hours %d: give 0 to %d hours", *hours, int(auth.MaxRotationOverlap/time.Hour))
		}
		return noOperands("apikey rotate", operands, func(ctx context.Context, st *store.Store) error {
			return onKey(ctx, st, p, func(ctx context.Context, a *auth.Service, c *ent.Client, k *ent.APIKey) error {
				key, k, err := a.RotateKey(ctx, c, k.ID, overlap)
				if err != nil {
					return err
				}
				old := "the old secret has stopped working"
				if overlap > 0 {
					old = "the old secret works until " + k.PreviousSecretExpiresAt.UTC().Format("2006-01-02 15:04") + " UTC"
				}
				fmt.Fprintf(o.Stdout, "rotated API key %q (prefix %s); %s. The new key, shown only now:\n%s\n", k.Name, k.Prefix, old, key)
				return nil
			})
		})
	}
}

// inTx runs f in a transaction as the command line (the server's own authority): the change
// and its audit event commit together or not at all.
func inTx(ctx context.Context, st *store.Store, f func(ctx context.Context, c *ent.Client) error) error {
	sys := access.AsSystem(ctx)
	tx, err := st.Client.Tx(sys)
	if err != nil {
		return err
	}
	if err := f(sys, tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
