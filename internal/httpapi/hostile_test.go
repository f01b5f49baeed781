package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// hostile is one request built to hurt the server, and what it must get back. Requests refused
// before they run are 400 (the client asks for application/graphql-response+json).
type hostile struct {
	name  string
	query string
	vars  map[string]any
	// status and code are the answer: the HTTP status and the first error's code.
	status int
	code   string
	// maxBytes bounds the response body.
	maxBytes int
	// validated reports whether the document may reach GraphQL validation; ran whether any SQL
	// may run.
	validated, ran bool
	// maxSteps bounds the syntax nodes the guard visits (0: no bound checked).
	maxSteps int64
}

// fragmentBomb spreads each of depth fragments twice in the next: 2^depth fields if expanded.
func fragmentBomb(depth int) string {
	var b strings.Builder
	b.WriteString("{ professionGroups(first: 1) { edges { node { ...F1 } } } }\n")
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "fragment F%d on ProfessionGroup { parent { ...F%d ...F%d } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on ProfessionGroup { name }\n", depth)
	return b.String()
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// TestHostileRequests: requests built to leak personal data or to cost the server far more than
// they cost the sender are refused, each with a small coded answer, after bounded work: the
// refusals before validation never reach the validator, and none runs SQL.
func TestHostileRequests(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var ids struct {
			Professions struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		s.Query(t, `{ professions(first: 1) { edges { node { id } } } }`, nil, &ids)
		pid := ids.Professions.Edges[0].Node.ID
		var undefined strings.Builder
		for i := range 400 {
			fmt.Fprintf(&undefined, " f%d", i)
		}
		cases := []hostile{
			// Personal data through filters: refused for what the caller may not read.
			{name: "RegistrantEmailThroughSessionFilter", query: `{ trainingSessions(where: {hasRegistrationsWith: {emailGT: "m"}}) { totalCount } }`,
				status: 400, code: "UNAUTHENTICATED", maxBytes: 400, validated: true},
			{name: "RegistrantEmailInVariables", query: `query($w: TrainingSessionWhereInput) { trainingSessions(where: $w) { totalCount } }`,
				vars:   map[string]any{"w": map[string]any{"or": []any{map[string]any{"hasRegistrationsWith": []any{map[string]any{"email": "a@b.org"}}}}}},
				status: 400, code: "UNAUTHENTICATED", maxBytes: 400, validated: true},
			{name: "AnyRegistrationAtAll", query: `{ trainingSessions(where: {hasRegistrations: true}) { totalCount } }`,
				status: 400, code: "UNAUTHENTICATED", maxBytes: 400, validated: true},
			{name: "EnquirerEmailThroughTrainingFilter", query: `{ trainings(where: {not: {hasEnquiriesWith: {emailLT: "m"}}}) { totalCount } }`,
				status: 400, code: "UNAUTHENTICATED", maxBytes: 400, validated: true},
			{name: "EnquiryInFacetsFilter", query: `{ trainings(first: 1, where: {hasEnquiriesWith: {email: "a@b.org"}}) { facets { levels { count } } } }`,
				status: 400, code: "UNAUTHENTICATED", maxBytes: 400, validated: true},
			// Documents whose checks or validation would cost seconds.
			{name: "FragmentSpreadTwiceAtEachOf26Levels", query: fragmentBomb(26),
				status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, maxSteps: 2000},
			{name: "Typename3990Times", query: "{" + repeat(" __typename", 3990) + " }",
				status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, maxSteps: 1000},
			{name: "UnknownField3900Times", query: "{" + repeat(" nope", 3900) + " }",
				status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, maxSteps: 1000},
			{name: "Directive1990Times", query: "{ __typename" + repeat(" @a", 1990) + " }",
				status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, maxSteps: 100},
			{name: "Alias40Times", query: "{" + repeat(" a: __typename b: __typename", 20) + " }",
				status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, maxSteps: 100},
			{name: "FourHundredUnknownFieldsGetTwentyErrors", query: "{" + undefined.String() + " }",
				status: 400, code: "GRAPHQL_VALIDATION_FAILED", maxBytes: 4096, validated: true},
			// Input values.
			{name: "Not9000DeepInVariables", query: `query($w: ProfessionWhereInput) { professions(where: $w) { totalCount } }`,
				vars: map[string]any{"w": apitest.Nested(9000)}, status: 400, code: "BAD_USER_INPUT", maxBytes: 400, maxSteps: 100},
			{name: "Not30DeepInTheDocument", query: `{ professions(where: ` + repeat("{not: ", 30) + "{}" + repeat("}", 30) + `) { totalCount } }`,
				status: 400, code: "BAD_USER_INPUT", maxBytes: 400, maxSteps: 100},
			{name: "SlugIn600Values", query: `query($s: [String!]) { professions(where: {slugIn: $s}) { totalCount } }`,
				vars:   map[string]any{"s": apitest.List(600, func(i int) string { return "slug-" + strconv.Itoa(i) })},
				status: 400, code: "BAD_USER_INPUT", maxBytes: 400},
			{name: "NulInAVariable", query: `query($t: String) { professions(where: {title: $t}) { totalCount } }`,
				vars: map[string]any{"t": "a\x00b"}, status: 400, code: "BAD_USER_INPUT", maxBytes: 400},
			{name: "NulInTheDocument", query: `{ search(query: "a\u0000b") { totalCount } }`,
				status: 400, code: "BAD_USER_INPUT", maxBytes: 400},
			{name: "NulInAnObjectKeyOfAVariable", query: `query($w: ProfessionWhereInput) { professions(where: $w) { totalCount } }`,
				vars: map[string]any{"w": map[string]any{"ti\x00tle": "x"}}, status: 400, code: "BAD_USER_INPUT", maxBytes: 400},
			// Node lookups: the IDs count, and are capped.
			{name: "Nodes6000CopiesOfOneID", query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
				vars: map[string]any{"ids": apitest.List(6000, func(int) string { return pid })}, status: 400, code: "BAD_USER_INPUT", maxBytes: 400},
			{name: "NodesCostCountsEveryID", query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Profession { skills(first: 100) { edges { node { skill { professions(first: 100) { edges { node { id } } } } } } } } } }`,
				vars: map[string]any{"ids": apitest.List(100, func(int) string { return pid })}, status: 400, code: "QUERY_TOO_COMPLEX", maxBytes: 400, validated: true},
			// Client mistakes are BAD_USER_INPUT, never INTERNAL.
			{name: "TamperedCursor", query: `{ professions(first: 1, after: "kgECAw") { edges { cursor } } }`,
				status: 200, code: "BAD_USER_INPUT", maxBytes: 400, validated: true, ran: true},
			{name: "FirstAndLastTogether", query: `{ professions(first: 1, last: 2) { totalCount } }`,
				status: 400, code: "BAD_USER_INPUT", maxBytes: 400, validated: true},
			{name: "StartsWithinTwoBillionDays", query: `{ trainingSessions(where: {startsWithinDays: 2147483647}) { totalCount } }`,
				status: 200, code: "BAD_USER_INPUT", maxBytes: 400, validated: true},
			{name: "MalformedID", query: `{ professions(where: {id: "not-an-id"}) { totalCount } }`,
				status: 400, code: "BAD_USER_INPUT", maxBytes: 400, validated: true},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				validated, steps, statements := s.Work.Validated.Load(), s.Work.Steps.Load(), s.Statements.Load()
				resp := s.Do(t, c.query, c.vars)
				validated, steps, statements = s.Work.Validated.Load()-validated, s.Work.Steps.Load()-steps, s.Statements.Load()-statements
				if resp.Status != c.status || len(resp.Errors) == 0 || resp.Errors[0].Code() != c.code {
					t.Fatalf("got %d %+v, want %d %s", resp.Status, resp.Errors, c.status, c.code)
				}
				for _, e := range resp.Errors {
					if e.Code() == "INTERNAL" {
						t.Errorf("an INTERNAL error: %+v", e)
					}
				}
				if resp.Size > c.maxBytes {
					t.Errorf("answer of %d bytes, want at most %d", resp.Size, c.maxBytes)
				}
				if len(resp.Errors) > 20 {
					t.Errorf("%d errors; at most 20 are answered", len(resp.Errors))
				}
				if string(resp.Data) != "" && string(resp.Data) != "null" {
					t.Errorf("something ran: %s", resp.Data)
				}
				if validated > 0 && !c.validated {
					t.Errorf("the document reached validation")
				}
				if statements > 0 && !c.ran {
					t.Errorf("%d SQL statements ran", statements)
				}
				if c.maxSteps > 0 && steps > c.maxSteps {
					t.Errorf("the guard visited %d syntax nodes, want at most %d", steps, c.maxSteps)
				}
			})
		}
		t.Run("TwentyErrorsAtMostAndSaysSo", func(t *testing.T) {
			resp := s.Do(t, "{"+undefined.String()+" }", nil)
			if len(resp.Errors) != 20 || resp.Extensions["omittedErrors"] != true {
				t.Errorf("%d errors, extensions %v; want 20 and omittedErrors", len(resp.Errors), resp.Extensions)
			}
		})
		t.Run("NodeLookupCostsEveryID", func(t *testing.T) {
			resp := s.Do(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": apitest.List(100, func(int) string { return pid })})
			if len(resp.Errors) > 0 || resp.Extensions["cost"] != float64(100) {
				t.Errorf("cost %v, errors %+v; want 100", resp.Extensions["cost"], resp.Errors)
			}
		})
		t.Run("ValidDocumentsStillPass", func(t *testing.T) {
			// An introspection query like GraphiQL's, fragments and all, is within every limit.
			resp := s.Do(t, introspectionQuery, nil)
			if len(resp.Errors) > 0 {
				t.Errorf("introspection refused: %+v", resp.Errors)
			}
		})
	})
}

// introspectionQuery is the query GraphiQL sends to learn the schema.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// TestRefusedRequestsPayAndSpentBudgetsRefuseFirst: every request spends at least one point,
// however it ends (a parse error, a validation error, a refused document, refused credentials, a
// body too large), and a caller whose budget is spent is turned away before its document is
// even parsed.
func TestRefusedRequestsPayAndSpentBudgetsRefuseFirst(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0], func(c *config.Config, d *app.Deps) {
		d.Limiter = ratelimit.NewMemory(nil)
		c.RateAnonymous, c.RateWindow = 7, time.Hour
		c.Limits.MaxBodyBytes = 4096
	})
	remaining := func(h http.Header) int { n, _ := strconv.Atoi(h.Get("X-RateLimit-Remaining")); return n }
	left := 7
	spent := func(name string, status int, h http.Header) {
		t.Helper()
		left--
		if h.Get("X-RateLimit-Remaining") == "" || remaining(h) != left {
			t.Errorf("%s (%d): %q left, want %d", name, status, h.Get("X-RateLimit-Remaining"), left)
		}
	}
	for _, q := range []string{`{ professions(`, `{ nope }`, "{" + repeat(" __typename", 3990) + " }"} {
		resp := s.Do(t, q, nil)
		if len(resp.Errors) == 0 {
			t.Fatalf("%.30s: accepted", q)
		}
		spent(q[:min(len(q), 20)], resp.Status, resp.Header)
	}
	if resp := s.Client.With("Authorization", "Bearer cgt_guessed").Do(t, `{ __typename }`, nil); resp.Status != http.StatusUnauthorized {
		t.Errorf("a guessed token: %d", resp.Status)
	} else {
		spent("GuessedToken", resp.Status, resp.Header)
	}
	big, err := http.Post(s.URL, "application/json", strings.NewReader(`{"query":"{ __typename }","x":"`+repeat("x", 5000)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	big.Body.Close()
	if big.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the limit: %d", big.StatusCode)
	} else {
		spent("BodyTooLarge", big.StatusCode, big.Header)
	}
	for left > 0 {
		s.Do(t, `{ __typename }`, nil)
		left--
	}
	validated, steps := s.Work.Validated.Load(), s.Work.Steps.Load()
	resp := s.Do(t, "{"+repeat(" __typename", 3990)+" }", nil)
	if resp.Status != http.StatusTooManyRequests || len(resp.Errors) == 0 || resp.Errors[0].Code() != "RATE_LIMITED" || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("with the budget spent: %d %+v", resp.Status, resp.Errors)
	}
	if s.Work.Validated.Load() != validated || s.Work.Steps.Load() != steps {
		t.Errorf("a request refused for its budget was measured or validated")
	}
	if resp := s.Client.With("X-API-Key", "cgk_guessed").Do(t, `{ __typename }`, nil); resp.Status != http.StatusTooManyRequests {
		t.Errorf("guessing keys with the address's budget spent: %d, want 429", resp.Status)
	}
}

// TestSuggestionsOffNameNothingUnsent: with suggestions off, no error names a field, argument,
// input field or enum value the client did not send.
func TestSuggestionsOffNameNothingUnsent(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[0])
	cases := map[string]struct{ query, unsent string }{
		"Field":          {`{ professions { edges { node { titel } } } }`, `"title"`},
		"Argument":       {`{ professions(frist: 1) { totalCount } }`, `"first"`},
		"InputField":     {`{ professions(where: {titel: "x"}) { totalCount } }`, `"title`},
		"EnumValue":      {`{ trainings(where: {level: BEGINER}) { totalCount } }`, `BEGINNER`},
		"OrderField":     {`{ skills(orderBy: [{field: NAM}]) { totalCount } }`, `NAME`},
		"RequiredArg":    {`{ profession { id } }`, `"slug"`},
		"RequiredInput":  {`{ skills(orderBy: [{direction: ASC}]) { totalCount } }`, `"field"`},
		"InlineFragment": {`{ node(id: "x") { title } }`, `"Profession"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			resp := s.Do(t, c.query, nil)
			if len(resp.Errors) == 0 {
				t.Fatalf("accepted: %s", resp.Data)
			}
			for _, e := range resp.Errors {
				if strings.Contains(e.Message, c.unsent) || strings.Contains(e.Message, "Did you mean") {
					t.Errorf("%q names %s", e.Message, c.unsent)
				}
			}
		})
	}
}

// TestIntrospectionOffIsAClientError: asking a server that does not answer introspection is
// the client's mistake, FORBIDDEN, and logged as nothing worse.
func TestIntrospectionOffIsAClientError(t *testing.T) {
	log := new(logBuffer)
	s := apitest.New(t, testdb.Dialects[0], func(c *config.Config, d *app.Deps) {
		c.Introspection = false
		d.Log = slog.New(slog.NewTextHandler(log, nil))
	})
	for _, q := range []string{`{ __schema { types { name } } }`, `{ __type(name: "Profession") { name } }`, `query { ...F } fragment F on Query { __schema { queryType { name } } }`} {
		e := s.Fails(t, q, nil)
		if e.Code() != "FORBIDDEN" {
			t.Errorf("%s: %+v, want FORBIDDEN", q, e)
		}
	}
	if strings.Contains(log.String(), "ERROR") {
		t.Errorf("logged as an error:\n%s", log.String())
	}
	if resp := s.Do(t, `{ __typename professions(first: 1) { totalCount } }`, nil); len(resp.Errors) > 0 {
		t.Errorf("__typename refused: %+v", resp.Errors)
	}
}

// TestFiltersMatchOnlyWhatTheCallerCanRead: a filter through a relation matches a related
// object exactly when the caller could read that object directly; for drafts, it is as if they
// did not exist.
func TestFiltersMatchOnlyWhatTheCallerCanRead(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		draftProfession := c.Profession.Query().Where(profession.StatusNEQ(enum.Published)).FirstX(ctx)
		draftTraining := c.Training.Query().Where(training.StatusNEQ(enum.Published)).FirstX(ctx)
		draftSkill := c.Skill.Query().Where(skill.StatusNEQ(enum.Published)).FirstX(ctx)
		cases := []struct{ name, direct, filtered string }{
			{"ProfessionThroughSkillLinks", `{ profession(slug: "` + draftProfession.Slug + `") { id } }`,
				`{ skills(where: {hasProfessionsWith: {hasProfessionWith: {slug: "` + draftProfession.Slug + `"}}}) { totalCount } }`},
			{"TrainingOfAProvider", `{ training(slug: "` + draftTraining.Slug + `") { id } }`,
				`{ providers(where: {hasTrainingsWith: {slug: "` + draftTraining.Slug + `"}}) { totalCount } }`},
			{"SkillThroughProfessionLinks", `{ skill(slug: "` + draftSkill.Slug + `") { id } }`,
				`{ professions(where: {hasSkillsWith: {hasSkillWith: {slug: "` + draftSkill.Slug + `"}}}) { totalCount } }`},
			{"SessionsOfATraining", `{ training(slug: "` + draftTraining.Slug + `") { id } }`,
				`{ trainingSessions(where: {hasTrainingWith: {slug: "` + draftTraining.Slug + `"}}) { totalCount } }`},
		}
		for _, tc := range cases {
			for _, who := range apitest.ActorNames {
				t.Run(tc.name+"/"+who, func(t *testing.T) {
					direct := as.ByName[who].Do(t, tc.direct, nil)
					filtered := as.ByName[who].Do(t, tc.filtered, nil)
					if len(direct.Errors) > 0 || len(filtered.Errors) > 0 {
						t.Fatalf("errors: %+v %+v", direct.Errors, filtered.Errors)
					}
					readable := !strings.Contains(string(direct.Data), "null")
					matched := !strings.Contains(string(filtered.Data), `"totalCount":0`)
					if readable != matched {
						t.Errorf("reads %s, yet the filter gives %s", direct.Data, filtered.Data)
					}
				})
			}
		}
	})
}

// TestFilterPathsToPersonalData: every where-input path of every query field that reaches a
// type some callers may not read (registrations, enquiries, staff accounts, keys) is refused for
// them and works for those who may read it. The paths come from the schema, so a new relation to
// personal data is covered as soon as it exists.
func TestFilterPathsToPersonalData(t *testing.T) {
	s := apitest.New(t, testdb.Dialects[len(testdb.Dialects)-1])
	as := apitest.NewActors(t, s)
	readers := map[string]map[string]bool{
		"Registration": apitest.Allowed("editor", "admin"),
		"Enquiry":      apitest.Allowed("editor", "admin"),
		"User":         apitest.Allowed("admin"),
		"APIKey":       apitest.Allowed("admin"),
	}
	paths := personalFilterPaths(s.Schema, readers)
	if len(paths) < 4 {
		t.Fatalf("found only %d filter paths to personal data: %v", len(paths), paths)
	}
	for _, p := range paths {
		for _, who := range apitest.ActorNames {
			t.Run(p.query+"/"+who, func(t *testing.T) {
				resp := as.ByName[who].Do(t, p.query, nil)
				if readers[p.target][who] {
					if len(resp.Errors) > 0 {
						t.Errorf("refused: %+v", resp.Errors)
					}
					return
				}
				want := "FORBIDDEN"
				if who == "anonymous" {
					want = "UNAUTHENTICATED"
				}
				if len(resp.Errors) == 0 || resp.Errors[0].Code() != want || string(resp.Data) != "null" && len(resp.Data) > 0 {
					t.Errorf("got %s %+v, want %s", resp.Data, resp.Errors, want)
				}
			})
		}
	}
}

type filterPath struct{ query, target string }

// personalFilterPaths walks the where-inputs of the root query fields through has<Edge>With
// and has<Edge>, and writes one query per path that ends at a type in readers, filtering on a
// string field of it.
func personalFilterPaths(schema *ast.Schema, readers map[string]map[string]bool) []filterPath {
	var out []filterPath
	for _, f := range schema.Query.Fields {
		where := f.Arguments.ForName("where")
		if where == nil || !strings.HasSuffix(where.Type.Name(), "WhereInput") || f.Type.Name() != strings.TrimSuffix(where.Type.Name(), "WhereInput")+"Connection" {
			continue
		}
		if _, personal := readers[strings.TrimSuffix(where.Type.Name(), "WhereInput")]; personal {
			continue // The type itself: its own policy refuses the whole list.
		}
		var walk func(input string, wrap func(string) string, depth int)
		walk = func(input string, wrap func(string) string, depth int) {
			def := schema.Types[input]
			if def == nil || depth > 2 {
				return
			}
			for _, in := range def.Fields {
				target, ok := strings.CutSuffix(in.Type.Name(), "WhereInput")
				if !ok || !strings.HasPrefix(in.Name, "has") || !strings.HasSuffix(in.Name, "With") {
					continue
				}
				name := in.Name
				inner := func(s string) string { return wrap(name + ": {" + s + "}") }
				if _, personal := readers[target]; personal {
					leaf := "id: null"
					for _, tf := range schema.Types[target+"WhereInput"].Fields {
						if strings.HasSuffix(tf.Name, "GT") && schema.Types[target].Fields.ForName(strings.TrimSuffix(tf.Name, "GT")) != nil &&
							schema.Types[target].Fields.ForName(strings.TrimSuffix(tf.Name, "GT")).Type.Name() == "String" {
							leaf = tf.Name + `: "m"`
							break
						}
					}
					q := func(filter string) string { return "{ x: " + f.Name + "(where: {" + filter + "}) { totalCount } }" }
					out = append(out, filterPath{q(inner(leaf)), target}, filterPath{q(wrap(strings.TrimSuffix(name, "With") + ": true")), target})
					continue
				}
				walk(target+"WhereInput", inner, depth+1)
			}
		}
		walk(where.Type.Name(), func(s string) string { return s }, 0)
	}
	return out
}

// logBuffer collects a server's log lines; the server writes them from its own goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
