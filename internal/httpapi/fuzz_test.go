package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"careergraph/internal/testing/apitest"

	"entgo.io/ent/dialect"
)

// FuzzEndpoint throws random documents, variables and bodies at the GraphQL endpoint: it must
// never panic, never answer 5xx (but a deliberate 503) nor an INTERNAL error code (whatever a
// client sends is either served or its mistake), and answer in bounded time. The seed corpus,
// which holds the shapes of TestHostileRequests, runs with every `go test`;
// `go test -fuzz FuzzEndpoint ./internal/httpapi/` explores.
func FuzzEndpoint(f *testing.F) {
	seeds := []struct {
		method, contentType, body string
	}{
		{"POST", "application/json", `{"query":"{ professions(first: 3) { edges { node { title } } } }"}`},
		{"POST", "application/json", `{"query":"query($n: Int) { skills(first: $n) { totalCount } }","variables":{"n":"x"}}`},
		{"POST", "application/json", `{"query":"mutation { signOut }"}`},
		{"POST", "application/json", `{"query":"{ node(id: \"\\u0000\") { id } }"}`},
		{"POST", "application/json", `{"query":"{ search(query: \"' OR 1=1 --\") { totalCount } }"}`},
		{"POST", "application/json", `{"query":"{ professions(where: {idIn: [\"UHJvZmVzc2lvbjox\", 5]}) { totalCount } }"}`},
		{"POST", "application/json", `{"query": 5, "variables": []}`},
		{"POST", "application/json", `{"query":"{ __schema { types { name fields { name } } } }"}`},
		{"POST", "text/plain", `{"query":"{ professions { totalCount } }"}`},
		{"POST", "application/json", `{"query":"{ professions(first: 1) { edges { node { jsonLd } } } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`},
		{"GET", "", `query={professions{totalCount}}&variables={"a":[[[[[]]]]]}`},
		{"GET", "", `query=mutation{signOut}`},
		{"POST", "application/json", `[{"query":"{ a }"}]`},
		{"POST", "application/json", strings.Repeat("{", 500)},
		{"POST", "application/json", `{"query":"{ trainingSessions(where: {hasRegistrationsWith: {emailGT: \"m\"}}) { totalCount } }"}`},
		{"POST", "application/json", `{"query":"{ professions(first: 1, after: \"kgECAw\") { edges { cursor } } }"}`},
		{"POST", "application/json", `{"query":"{ professions(first: 1, last: 2) { totalCount } }"}`},
		{"POST", "application/json", `{"query":"{ trainingSessions(where: {startsWithinDays: 2147483647}) { totalCount } }"}`},
		{"POST", "application/json", `{"query":"query($t: String) { professions(where: {title: $t}) { totalCount } }","variables":{"t":"a\u0000b"}}`},
		{"POST", "application/json", `{"query":"{ search(query: \"a\\u0000b\") { totalCount } }"}`},
		{"POST", "application/json", `{"query":"query($w: ProfessionWhereInput) { professions(where: $w) { totalCount } }","variables":{"w":` + strings.Repeat(`{"not":`, 300) + `{}` + strings.Repeat(`}`, 300) + `}}`},
		{"POST", "application/json", `{"query":"{ __typename` + strings.Repeat(` @a`, 200) + ` }"}`},
		{"POST", "application/json", `{"query":"{` + strings.Repeat(` __typename`, 600) + ` }"}`},
		{"POST", "application/json", `{"query":"{ professionGroups(first: 1) { edges { node { ...F1 } } } } fragment F1 on ProfessionGroup { parent { ...F2 ...F2 } } fragment F2 on ProfessionGroup { parent { ...F3 ...F3 } } fragment F3 on ProfessionGroup { name }"}`},
		{"POST", "application/json", `{"query":"{ nodes(ids: [\"UHJvZmVzc2lvbjox\", \"x\"]) { id } }"}`},
		{"POST", "application/json", `{"query":"{ __schema { queryType { name } } }"}`},
		{"POST", "application/json", `{"query":"{ professions(orderBy: [{field: NAM}], where: {titel: \"x\"}) { totalCount } }"}`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.contentType, s.body)
	}
	handler := apitest.New(f, dialect.SQLite).Handler
	f.Fuzz(func(t *testing.T, method, contentType, body string) {
		var req *http.Request
		var err error
		if method == "GET" {
			// Whatever the fuzzer writes becomes the raw query string, as a client could send it.
			req, err = http.NewRequest(http.MethodGet, (&url.URL{Path: "/graphql", RawQuery: body}).String(), nil)
		} else {
			req, err = http.NewRequest(http.MethodPost, "/graphql", bytes.NewReader([]byte(body)))
			if err == nil {
				req.Header.Set("Content-Type", contentType)
			}
		}
		if err != nil {
			t.Skip("not a request a client could send")
		}
		req.RemoteAddr = "192.0.2.1:1234"
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rec := httptest.NewRecorder()
		start := time.Now()
		handler.ServeHTTP(rec, req.WithContext(ctx))
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("took %v", took)
		}
		b, _ := io.ReadAll(rec.Body)
		if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s %q → %d: %.300s", method, body, rec.Code, b)
		}
		if bytes.Contains(b, []byte(`"code":"INTERNAL"`)) {
			t.Errorf("%s %q → an INTERNAL error: %.300s", method, body, b)
		}
	})
}
