package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/access"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

func TestHealthProbes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		for _, path := range []string{"/livez", "/readyz"} {
			if resp, body := gqltest.Fetch(t, http.MethodGet, s.Base+path, nil); resp.StatusCode != http.StatusOK {
				t.Errorf("%s: %d %s", path, resp.StatusCode, body)
			}
		}
		s.Handler.Drain()
		if resp, _ := gqltest.Fetch(t, http.MethodGet, s.Base+"/readyz", nil); resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("/readyz while draining: %d, want 503", resp.StatusCode)
		}
		if resp, _ := gqltest.Fetch(t, http.MethodGet, s.Base+"/livez", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("/livez while draining: %d, want 200", resp.StatusCode)
		}
	})
}

func TestReadinessFailsWithoutTheDatabase(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	if err := s.Store.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if resp, body := gqltest.Fetch(t, http.MethodGet, s.Base+"/readyz", nil); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database closed: %d %s, want 503", resp.StatusCode, body)
	}
}

func TestQueriesOverGET(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	q := url.Values{"query": {`{ profession(slug: "back-end-developer") { title } }`}}
	resp, body := gqltest.Fetch(t, http.MethodGet, s.URL+"?"+q.Encode(), http.Header{"Accept": {"application/json"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Back-End Developer") {
		t.Errorf("GET query: %d %s", resp.StatusCode, body)
	}
}

func TestCORS(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, s.URL, nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		// As browsers send it: lowercase, sorted, comma-separated.
		req.Header.Set("Access-Control-Request-Headers", "apollo-require-preflight,apollographql-client-name,apollographql-client-version,authorization,baggage,content-type,sentry-trace,traceparent,tracestate,x-api-key,x-apollo-operation-name")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	ok := preflight("https://app.example")
	if got := ok.Header.Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("allowed origin: Access-Control-Allow-Origin %q", got)
	}
	allowed := strings.ToLower(ok.Header.Get("Access-Control-Allow-Headers"))
	for _, h := range []string{"content-type", "authorization", "x-api-key", "traceparent", "tracestate", "baggage", "sentry-trace",
		"apollographql-client-name", "apollographql-client-version", "apollo-require-preflight", "x-apollo-operation-name"} {
		if !strings.Contains(allowed, h) {
			t.Errorf("preflight does not allow header %s (%q)", h, allowed)
		}
	}
	if ok.Header.Get("Access-Control-Max-Age") == "" {
		t.Error("preflight has no Access-Control-Max-Age")
	}
	if got := preflight("https://evil.example").Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin got Access-Control-Allow-Origin %q", got)
	}
}

func TestGraphiQLIsServedAtTheRoot(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	resp, body := gqltest.Fetch(t, http.MethodGet, s.Base+"/", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-endpoint="/graphql"`) || !strings.Contains(body, "graphiql.min.js") {
		t.Errorf("/: %d, body lacks the endpoint: %.200s", resp.StatusCode, body)
	}
}

// TestEverythingInTheSchemaIsDocumented walks the schema as a client sees it, through
// introspection: every type, field, argument, input field and enum value has a description.
func TestEverythingInTheSchemaIsDocumented(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	type described struct {
		Name        string
		Description *string
	}
	var data struct {
		Schema struct {
			Types []struct {
				described
				Fields []struct {
					described
					Args []described
				}
				InputFields []described
				EnumValues  []described
			}
		} `json:"__schema"`
	}
	s.Query(t, `{ __schema { types {
	  name description
	  fields(includeDeprecated: true) { name description args { name description } }
	  inputFields { name description }
	  enumValues(includeDeprecated: true) { name description }
	} } }`, nil, &data)
	var missing []string
	empty := func(d described) bool { return d.Description == nil || strings.TrimSpace(*d.Description) == "" }
	for _, typ := range data.Schema.Types {
		if strings.HasPrefix(typ.Name, "__") {
			continue // GraphQL's own introspection types.
		}
		if empty(typ.described) {
			missing = append(missing, typ.Name)
		}
		for _, f := range typ.Fields {
			if empty(f.described) {
				missing = append(missing, typ.Name+"."+f.Name)
			}
			for _, a := range f.Args {
				if empty(a) {
					missing = append(missing, typ.Name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, f := range append(typ.InputFields, typ.EnumValues...) {
			if empty(f) {
				missing = append(missing, typ.Name+"."+f.Name)
			}
		}
	}
	if len(missing) > 0 {
		raw, _ := json.Marshal(missing)
		t.Errorf("%d schema elements have no description: %s", len(missing), raw)
	}
	if len(data.Schema.Types) < 50 {
		t.Errorf("introspection returned only %d types", len(data.Schema.Types))
	}
}

// TestCrossSiteRequestsNeverRun: bodies a browser may send to another site without asking
// first (form-encoded, multipart, text/plain) are refused with 415 and run nothing; a mutation
// over GET is 405 with Allow: POST.
func TestCrossSiteRequestsNeverRun(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	body := `{"query":"mutation { submitEnquiry(input: {name: \"X\", email: \"x@example.org\", message: \"csrf\"}) { enquiryId } }"}`
	before := s.Store.Client.Enquiry.Query().CountX(access.AsSystem(context.Background()))
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		resp, err := http.Post(s.URL, ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("%s: %d, want 415", ct, resp.StatusCode)
		}
	}
	q := url.Values{"query": {`mutation { signOut }`}}
	resp, _ := gqltest.Fetch(t, http.MethodGet, s.URL+"?"+q.Encode(), nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("mutation over GET: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if after := s.Store.Client.Enquiry.Query().CountX(access.AsSystem(context.Background())); after != before {
		t.Errorf("a refused request stored an enquiry")
	}
}
