package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// internals are what a message for a person must not show: Go packages and types, parse layouts,
// driver codes, ent's wrappers.
var internals = regexp.MustCompile(`strconv\.|slog:|time: |ent: |\*ent\.|2006-01-02|\(\d+\)$|%!|invalid syntax|constraint failed|flag provided|runtime\.`)

// TestEveryCommandsHelpChangesNothing: `COMMAND --help` prints that command's usage and exits 0,
// and no database file appears.
func TestEveryCommandsHelpChangesNothing(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "careergraph.db")
	getenv := func(k string) string { return map[string]string{"SQLITE_PATH": dbPath}[k] }
	for _, args := range [][]string{
		{"serve", "--help"}, {"migrate", "--help"}, {"seed", "--help"},
		{"user", "--help"}, {"user", "create", "--help"}, {"user", "list", "--help"}, {"user", "disable", "--help"},
		{"user", "enable", "--help"}, {"user", "delete", "--help"}, {"user", "set-role", "--help"},
		{"user", "reset-password", "--help"}, {"apikey", "--help"}, {"apikey", "create", "--help"}, {"apikey", "list", "--help"},
		{"apikey", "revoke", "--help"}, {"apikey", "rotate", "--help"}, {"documents", "register", "--help"},
		{"import", "--help"}, {"import", "esco", "--help"}, {"export", "--help"}, {"--help"},
	} {
		name := strings.Join(args, " ")
		var out bytes.Buffer
		// A password waits on standard input: help must not read it.
		if err := run(context.Background(), args, getenv, strings.NewReader("a password that must not be read\n"), &out, io.Discard); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		words := strings.Join(args[:len(args)-1], " ")
		if !strings.Contains(out.String(), "careergraph "+words) && !strings.Contains(out.String(), "Usage") {
			t.Errorf("%s printed no usage of %q:\n%s", name, words, out.String())
		}
		if _, err := os.Stat(dbPath); err == nil {
			t.Fatalf("%s created the database file", name)
		}
	}
}

// TestBadInputIsExplainedInPlainWords runs each command with a mistake, as a person would make
// it, and reads the message: it names what is wrong and how to put it right, and shows nothing of
// the program's insides. Mistakes in arguments are found before the database is opened.
func TestBadInputIsExplainedInPlainWords(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "careergraph.db")
	manifest := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(manifest, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(extra ...string) map[string]string {
		m := map[string]string{"SQLITE_PATH": dbPath, "LOG_LEVEL": "warn"}
		for i := 0; i+1 < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	cases := []struct {
		name  string
		args  []string
		env   map[string]string
		stdin string
		want  []string
		// opens says the mistake can only be found in the database (an unknown account).
		opens bool
	}{
		{"UnknownCommand", []string{"fly"}, env(), "", []string{`unknown command "fly"`, "--help"}, false},
		{"UnknownSubcommand", []string{"user", "frob"}, env(), "", []string{"user needs one of create, list, disable", `"frob"`}, false},
		{"UnknownFlag", []string{"user", "disable", "--mail", "a@b.org"}, env(), "", []string{"user disable has no flag --mail", "careergraph user disable --help"}, false},
		{"PasswordFlag", []string{"user", "create", "--email", "a@b.org", "--password", "x"}, env(), "", []string{"no --password flag", "CAREERGRAPH_PASSWORD"}, false},
		{"MissingEmail", []string{"user", "disable"}, env(), "", []string{"--email is required"}, false},
		{"NotAnEmail", []string{"user", "create", "--email", "ann"}, env(), "a long enough password\n", []string{`--email "ann" is not an e-mail address`}, false},
		{"BadRole", []string{"user", "set-role", "--email", "a@b.org", "--role", "boss"}, env(), "", []string{`--role "boss"`, "ADMIN or EDITOR"}, false},
		{"ShortPassword", []string{"user", "create", "--email", "a@b.org"}, env(), "short\n", []string{"at least 12 characters"}, false},
		{"NoPassword", []string{"user", "reset-password", "--email", "a@b.org"}, env(), "", []string{"no password", "CAREERGRAPH_PASSWORD"}, false},
		{"ExpiryNotADate", []string{"apikey", "create", "--name", "x", "--scope", "CATALOGUE_READ", "--expires", "tomorrow"}, env(), "", []string{`--expires "tomorrow"`, "YYYY-MM-DD"}, false},
		{"UnknownScope", []string{"apikey", "create", "--name", "x", "--scope", "everything"}, env(), "", []string{`--scope "everything"`, "CATALOGUE_READ and TRAININGS_WRITE"}, false},
		{"WriteKeyWithoutProvider", []string{"apikey", "create", "--name", "x", "--scope", "TRAININGS_WRITE"}, env(), "", []string{"add --provider SLUG"}, false},
		{"OverlapNotANumber", []string{"apikey", "rotate", "--prefix", "1a2b3c4d", "--overlap-hours", "lots"}, env(), "", []string{`--overlap-hours "lots"`, "whole number"}, false},
		{"OverlapTooLong", []string{"apikey", "rotate", "--prefix", "1a2b3c4d", "--overlap-hours", "1000"}, env(), "", []string{"0 to 720 hours"}, false},
		{"MissingImportFile", []string{"import", filepath.Join(dir, "missing.jsonl")}, env(), "", []string{"missing.jsonl", "no such file"}, false},
		{"ExportIntoMissingFolder", []string{"export", filepath.Join(dir, "no", "such", "out.jsonl")}, env(), "", []string{"cannot write", "does not exist"}, false},
		{"BadManifest", []string{"documents", "register", "--client", "web", manifest}, env(), "", []string{"bad.json"}, false},
		{"SeedTakesNoSizes", []string{"seed", "--professions", "10"}, env(), "", []string{"seed has no flag --professions", "careergraph seed --help"}, false},
		{"ServeWithArguments", []string{"serve", "now"}, env(), "", []string{"serve takes no arguments", "environment"}, false},
		{"LogLevel", []string{"migrate"}, env("LOG_LEVEL", "verbose"), "", []string{`LOG_LEVEL="verbose": must be debug, info, warn or error`}, false},
		{"Boolean", []string{"migrate"}, env("PLAYGROUND", "yesplease"), "", []string{`PLAYGROUND="yesplease": must be true or false`}, false},
		{"DurationWithoutUnit", []string{"migrate"}, env("SHUTDOWN_TIMEOUT", "20"), "", []string{`SHUTDOWN_TIMEOUT="20": must be a duration`, "20s"}, false},
		{"MemoryLimit", []string{"migrate"}, env("GOMEMLIMIT", "lots"), "", []string{`GOMEMLIMIT="lots"`, "MiB", "off"}, false},
		{"LogFormat", []string{"migrate"}, env("LOG_FORMAT", "xml"), "", []string{"must be json, text or auto"}, false},
		{"SQLiteInAMissingFolder", []string{"migrate"}, env("SQLITE_PATH", filepath.Join(dir, "nonexistent", "x.db")), "", []string{filepath.Join(dir, "nonexistent", "x.db"), "does not exist"}, false},
		{"PostgreSQLNotListening", []string{"migrate"}, env("DATABASE_URL", "postgres://careergraph:secret@127.0.0.1:1/careergraph?sslmode=disable"), "",
			[]string{"cannot connect to PostgreSQL (127.0.0.1:1, database careergraph)", "is PostgreSQL running"}, false},
		{"UnknownAccount", []string{"user", "disable", "--email", "nobody@example.org"}, env(), "", []string{`no staff account has the e-mail address "nobody@example.org"`}, true},
		{"UnknownKey", []string{"apikey", "revoke", "--prefix", "1a2b3c4d"}, env(), "", []string{`no API key has the prefix "1a2b3c4d"`, "apikey list"}, true},
		{"UnknownProvider", []string{"apikey", "create", "--name", "x", "--scope", "CATALOGUE_READ", "--provider", "nope"}, env(), "", []string{`--provider: no provider has the slug "nope"`}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_ = os.Remove(dbPath)
			err := run(context.Background(), c.args, func(k string) string { return c.env[k] }, strings.NewReader(c.stdin), io.Discard, io.Discard)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if internals.MatchString(msg) || strings.Contains(msg, "secret") {
				t.Errorf("message %q shows the program's insides", msg)
			}
			if _, statErr := os.Stat(dbPath); (statErr == nil) != c.opens {
				t.Errorf("database file created: %v, want %v", statErr == nil, c.opens)
			}
		})
	}

	t.Run("TakenAddress", func(t *testing.T) {
		getenv := func(k string) string { return env("CAREERGRAPH_PASSWORD", "a long enough password")[k] }
		args := []string{"user", "create", "--email", "ann@example.org"}
		if err := run(context.Background(), args, getenv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		err := run(context.Background(), []string{"user", "create", "--email", "Ann@Example.org"}, getenv, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || err.Error() != "a staff account with this e-mail address already exists" {
			t.Errorf("a taken address: %v", err)
		}
	})
}

// TestStaffAndKeysFromTheCommandLine manages accounts and keys as an operator would, and sees
// the effect in the API and in the audit log.
func TestStaffAndKeysFromTheCommandLine(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "careergraph.db")
	env := map[string]string{"SQLITE_PATH": dbPath, "LOG_LEVEL": "warn"}
	cli := func(stdin string, args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, io.Discard); err != nil {
			t.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
		return out.String()
	}
	cli("the first admin's password\n", "user", "create", "--email", "ann@example.org", "--role", "ADMIN")
	cli("an editor's password\n", "user", "create", "--email", "bob@example.org", "--name", "Bob")
	cli("", "user", "set-role", "--email", "bob@example.org", "--role", "ADMIN")
	cli("", "user", "disable", "--email", "bob@example.org")
	list := cli("", "user", "list")
	if !regexp.MustCompile(`bob@example.org\s+Bob\s+ADMIN\s+disabled`).MatchString(list) || !regexp.MustCompile(`ann@example.org\s+-\s+ADMIN\s+enabled`).MatchString(list) {
		t.Errorf("user list:\n%s", list)
	}
	cli("", "user", "enable", "--email", "bob@example.org")
	cli("Bob's new password\n", "user", "reset-password", "--email", "bob@example.org")
	created := cli("", "apikey", "create", "--name", "course sync", "--scope", "CATALOGUE_READ")
	prefix := regexp.MustCompile(`prefix ([0-9a-f]{8})`).FindStringSubmatch(created)[1]
	rotated := cli("", "apikey", "rotate", "--prefix", prefix, "--overlap-hours", "1")
	if !strings.Contains(rotated, "the old secret works until") {
		t.Errorf("apikey rotate: %s", rotated)
	}
	if keys := cli("", "apikey", "list"); !regexp.MustCompile(prefix + `\s+course sync\s+CATALOGUE_READ\s+-\s+rotating`).MatchString(keys) {
		t.Errorf("apikey list:\n%s", keys)
	}
	oldKey := strings.TrimSpace(created[strings.LastIndex(strings.TrimSpace(created), "\n")+1:])
	newKey := strings.TrimSpace(rotated[strings.LastIndex(strings.TrimSpace(rotated), "\n")+1:])
	cli("", "user", "delete", "--email", "bob@example.org")

	p := start(t, map[string]string{"SQLITE_PATH": dbPath})
	for _, k := range []string{oldKey, newKey} {
		if r := p.With("X-API-Key", k).Do(t, `{ professions(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
			t.Errorf("key %s…: %+v", k[:12], r.Errors)
		}
	}
	if e := p.Fails(t, `mutation { signIn(email: "bob@example.org", password: "Bob's new password") { token } }`, nil); e.Code() != "UNAUTHENTICATED" {
		t.Errorf("a deleted account signs in: %+v", e)
	}
	var in struct{ SignIn struct{ Token string } }
	p.Query(t, `mutation { signIn(email: "ann@example.org", password: "the first admin's password") { token } }`, nil, &in)
	var log struct {
		AuditEvents struct {
			Edges []struct {
				Node struct{ ActorName, Action, TargetName, Detail string }
			}
		}
	}
	p.With("Authorization", "Bearer "+in.SignIn.Token).Query(t, `{ auditEvents(first: 50) { edges { node { actorName action targetName detail } } } }`, nil, &log)
	var got []string
	for _, e := range log.AuditEvents.Edges {
		got = append(got, e.Node.ActorName+" "+e.Node.Action+" "+e.Node.TargetName+" "+e.Node.Detail)
	}
	want := []string{
		"command line USER_CREATED ann@example.org role ADMIN",
		"command line USER_CREATED bob@example.org role EDITOR",
		"command line ROLE_CHANGED bob@example.org role EDITOR → ADMIN",
		"command line USER_DISABLED bob@example.org ",
		"command line USER_ENABLED bob@example.org ",
		"command line PASSWORD_RESET bob@example.org ",
		"command line API_KEY_CREATED course sync (" + prefix + ") ",
		"command line API_KEY_ROTATED course sync (" + prefix + ") the old secret works until",
		"command line USER_DELETED bob@example.org ",
	}
	if len(got) != len(want) {
		t.Fatalf("audit log:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("event %d = %q, want %q…", i, got[i], want[i])
		}
	}
}
