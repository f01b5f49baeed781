package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/testing/apitest"

	"entgo.io/ent/dialect"
)

func TestOperationLimits(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	deep := "{ professions(first: 1) { edges { node { group { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } } } } } }"
	var aliases, directives strings.Builder
	aliases.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&aliases, " a%d: professions(first: 1) { totalCount }", i)
	}
	aliases.WriteString(" }")
	directives.WriteString("{ professions(first: 1) {")
	for range 20 {
		directives.WriteString(" totalCount @include(if: true) @skip(if: false)")
	}
	directives.WriteString(" } }")
	cases := []struct{ name, query, want string }{
		{"TooDeep", deep, "levels deep"},
		{"TooManyAliases", aliases.String(), "aliases"},
		{"TooManyDirectives", directives.String(), "directives"},
		{"TooCostly", `{ professions(first: 100) { edges { node { skills(first: 100) { edges { node { skill { trainings(first: 100) { edges { node { title } } } } } } } } } } }`, "may return"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := s.Do(t, c.query, nil)
			if len(resp.Errors) == 0 || resp.Errors[0].Code() != "QUERY_TOO_COMPLEX" || !strings.Contains(resp.Errors[0].Message, c.want) {
				t.Errorf("got %+v, want QUERY_TOO_COMPLEX about %s", resp.Errors, c.want)
			}
			if string(resp.Data) != "" && string(resp.Data) != "null" {
				t.Errorf("something ran: %s", resp.Data)
			}
		})
	}
	t.Run("CostIsReported", func(t *testing.T) {
		resp := s.Do(t, `{ professions(first: 10) { edges { node { title } } } }`, nil)
		var body struct{ Extensions struct{ Cost int } }
		raw, _ := json.Marshal(map[string]any{"extensions": resp.Extensions})
		_ = json.Unmarshal(raw, &body)
		if body.Extensions.Cost != 21 {
			t.Errorf("cost %d, want 21 (the connection, 10 edges, 10 nodes)", body.Extensions.Cost)
		}
	})
}

// TestHostileDocumentsAreRefusedCheaply: documents built to make parsing and validation slow are
// refused quickly with a small answer.
func TestHostileDocumentsAreRefusedCheaply(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	cases := map[string]string{
		"FieldRepeated5000Times": "{ professions(first: 1) { totalCount" + strings.Repeat(" totalCount", 5000) + " } }",
		"Directives20000":        "{ professions(first: 1) { totalCount" + strings.Repeat(" @skip(if: false)", 20000) + " } }",
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"query": q})
			start := time.Now()
			resp, err := http.Post(s.URL, "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			took := time.Since(start)
			if resp.StatusCode == http.StatusOK && !strings.Contains(string(raw), `"errors"`) {
				t.Fatalf("accepted: %d %.200s", resp.StatusCode, raw)
			}
			if len(raw) > 2048 {
				t.Errorf("refusal of %d bytes; it should be small", len(raw))
			}
			t.Logf("%s (%d bytes): refused with %d in %v: %.160s", name, len(body), resp.StatusCode, took, raw)
		})
	}
}

func TestOversizedBodiesAre413(t *testing.T) {
	s := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.Limits.MaxBodyBytes = 4096 })
	big := bytes.Repeat([]byte(" "), 10_000)
	// With a declared length, and chunked (no length): both refused without being read whole.
	for name, body := range map[string]io.Reader{"Declared": bytes.NewReader(big), "Chunked": io.MultiReader(bytes.NewReader(big))} {
		req, _ := http.NewRequest(http.MethodPost, s.URL, body)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status %d, want 413", name, resp.StatusCode)
		}
	}
}

func TestSuggestionsAndIntrospectionAreSwitchable(t *testing.T) {
	off := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.Introspection = false })
	if e := off.Fails(t, `{ professions { edges { node { titel } } } }`, nil); strings.Contains(e.Message, "Did you mean") {
		t.Errorf("suggestions are on by default: %q", e.Message)
	}
	if resp := off.Do(t, `{ __schema { types { name } } }`, nil); len(resp.Errors) == 0 {
		t.Errorf("introspection answered while switched off: %.100s", resp.Data)
	}
	on := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.FieldSuggestions = true })
	if e := on.Fails(t, `{ professions { edges { node { titel } } } }`, nil); !strings.Contains(e.Message, "Did you mean") {
		t.Errorf("suggestions switched on: %q", e.Message)
	}
}

// TestRequestDeadline: a request that outlives its deadline is answered with a coded error, and
// its database work is abandoned.
func TestRequestDeadline(t *testing.T) {
	s := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.RequestTimeout = time.Nanosecond })
	e := s.Fails(t, `{ professions(first: 100) { edges { node { title skills(first: 20) { totalCount } } } } }`, nil)
	if e.Code() != "INTERNAL" || !strings.Contains(e.Message, "too long") || e.Extensions["requestId"] == nil {
		t.Errorf("past the deadline: %q %v", e.Message, e.Extensions)
	}
}

// BenchmarkHostileDocuments measures how long refusing the documents of
// TestHostileDocumentsAreRefusedCheaply and TestHostileRequests takes, end to end through the
// handler.
func BenchmarkHostileDocuments(b *testing.B) {
	h := apitest.New(b, dialect.SQLite).Handler
	deepNot := `query($w: ProfessionWhereInput) { professions(where: $w) { totalCount } }`
	for name, req := range map[string]map[string]any{
		"FieldRepeated5000Times":     {"query": "{ professions(first: 1) { totalCount" + strings.Repeat(" totalCount", 5000) + " } }"},
		"Directives20000":            {"query": "{ professions(first: 1) { totalCount" + strings.Repeat(" @skip(if: false)", 20000) + " } }"},
		"Depth40":                    {"query": "{ professions(first: 1) { edges { node { group" + strings.Repeat(" { parent", 40) + " { name }" + strings.Repeat(" }", 40) + " } } } }"},
		"FragmentsSpreadTwice26Deep": {"query": fragmentBomb(26)},
		"Typename3990Times":          {"query": "{" + strings.Repeat(" __typename", 3990) + " }"},
		"Directive1990Times":         {"query": "{ __typename" + strings.Repeat(" @a", 1990) + " }"},
		"Not9000DeepInVariables":     {"query": deepNot, "variables": map[string]any{"w": apitest.Nested(9000)}},
	} {
		body, _ := json.Marshal(req)
		b.Run(name, func(b *testing.B) {
			for range b.N {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code == http.StatusOK && !strings.Contains(rec.Body.String(), `"errors"`) {
					b.Fatalf("accepted: %.200s", rec.Body.String())
				}
			}
			b.ReportMetric(float64(len(body)), "request-bytes")
		})
	}
}
