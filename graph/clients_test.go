package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

// TestNodesAnswerNullForWhatCannotBeFound: an ID of an object that no longer exists, or that
// the caller may not see, is a null entry of nodes (and a null node) with no error, so that
// clients that fail on any error (Apollo's default) keep the objects that were found.
func TestNodesAnswerNullForWhatCannotBeFound(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		found := gid.Encode(c.Profession.Query().Where(profession.StatusEQ(enum.Published)).FirstIDX(ctx))
		draft := gid.Encode(c.Profession.Query().Where(profession.StatusNEQ(enum.Published)).FirstIDX(ctx))
		ids := c.Profession.Query().IDsX(ctx)
		gone := gid.Encode(ids[len(ids)-1] + 1000)
		q := fmt.Sprintf(`{ nodes(ids: [%q, %q, %q]) { id } node(id: %q) { id } }`, found, gone, draft, draft)
		for who, want := range map[string]string{
			"anonymous": fmt.Sprintf(`{"nodes":[{"id":%q},null,null],"node":null}`, found),
			"editor":    fmt.Sprintf(`{"nodes":[{"id":%q},null,{"id":%q}],"node":{"id":%q}}`, found, draft, draft),
		} {
			resp := as.ByName[who].Do(t, q, nil)
			if len(resp.Errors) > 0 || string(resp.Data) != want {
				t.Errorf("%s: %s %+v, want %s and no errors", who, resp.Data, resp.Errors, want)
			}
		}
	})
}

// TestErrorPathsEndAtFields: an error about an argument points at its field; paths name fields
// and list elements, never arguments.
func TestErrorPathsEndAtFields(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0])
	for q, want := range map[string]string{
		`{ trainingSessions(where: {startsWithinDays: -1}) { totalCount } }`: `["trainingSessions"]`,
		`{ x: nodes(ids: ["UHJvZmVzc2lvbjox"]) { id } }`:                     `["x"]`,
		`{ professions(first: 1, after: "abc") { edges { cursor } } }`:       `["professions"]`,
	} {
		resp := s.Do(t, q, nil)
		if len(resp.Errors) == 0 {
			t.Fatalf("%s: no error", q)
		}
		path, _ := json.Marshal(resp.Errors[0].Path)
		if string(path) != want {
			t.Errorf("%s: path %s, want %s", q, path, want)
		}
	}
}

// TestRequestErrorsCarryNoData: a request that fails before execution has no data entry, in
// either response media type.
func TestRequestErrorsCarryNoData(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0])
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		_, body := gqltest.Fetch(t, http.MethodGet, s.URL+"?"+url.Values{"query": {"{ professions("}}.Encode(), http.Header{"Accept": {accept}})
		var out map[string]json.RawMessage
		if err := json.Unmarshal([]byte(body), &out); err != nil || out["errors"] == nil {
			t.Fatalf("%s: %s", accept, body)
		}
		if _, has := out["data"]; has {
			t.Errorf("%s: a data entry: %s", accept, body)
		}
	}
}

// TestETagsDifferByMediaType: the same answer in two media types is two representations, and a
// shared cache must not give one for the other.
func TestETagsDifferByMediaType(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0])
	u := s.URL + "?" + url.Values{"query": {"{ professions(first: 2) { edges { node { title } } } }"}}.Encode()
	tags := map[string]string{}
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		resp, _ := gqltest.Fetch(t, http.MethodGet, u, http.Header{"Accept": {accept}})
		tags[accept] = resp.Header.Get("ETag")
		if tags[accept] == "" || !strings.Contains(resp.Header.Get("Vary"), "Accept") {
			t.Fatalf("%s: ETag %q, Vary %q", accept, tags[accept], resp.Header.Get("Vary"))
		}
	}
	if tags["application/json"] == tags["application/graphql-response+json"] {
		t.Errorf("one ETag for both media types: %s", tags["application/json"])
	}
}

// TestIntrospectionShowsOnlyTheAPI: the directives that steer code generation are not part of
// the API, and introspection does not list them.
func TestIntrospectionShowsOnlyTheAPI(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0])
	var out struct {
		Schema struct{ Directives []struct{ Name string } } `json:"__schema"`
	}
	s.Query(t, `{ __schema { directives { name } } }`, nil, &out)
	var names []string
	for _, d := range out.Schema.Directives {
		names = append(names, d.Name)
		if strings.HasPrefix(d.Name, "go") {
			t.Errorf("introspection lists @%s", d.Name)
		}
	}
	if !slices.Contains(names, "include") || !slices.Contains(names, "deprecated") {
		t.Errorf("directives %v lack GraphQL's own", names)
	}
}
