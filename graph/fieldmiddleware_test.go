package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"careergraph/graph"
	"careergraph/internal/gqlexec"
	"careergraph/internal/testing/testdb"
	"careergraph/internal/tracing"
)

// listing asks for plain scalar fields (slug, title, importance, name: the executor's fast
// path), fields with resolvers (professions, skills) and a computed one.
const listing = `{ professions(first: 5, orderBy: [{field: TITLE}]) { edges { node {
	slug title skills(first: 3) { edges { node { importance skill { slug name } } } } } } } }`

// fieldLog records the fields a field middleware was called for, as "Object.field".
type fieldLog struct {
	mu        sync.Mutex
	fields    []string
	resolvers []string
}

func (l *fieldLog) middleware(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	l.mu.Lock()
	name := fc.Object + "." + fc.Field.Name
	l.fields = append(l.fields, name)
	if fc.IsResolver {
		l.resolvers = append(l.resolvers, name)
	}
	l.mu.Unlock()
	return next(ctx)
}

func (l *fieldLog) count(name string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, f := range l.fields {
		if f == name {
			n++
		}
	}
	return n
}

// listingPage serves the schema with the field middleware register adds, and the executor's
// fast path for plain scalar fields offered, and returns the professions and skill nodes of
// listing's answer.
func listingPage(t *testing.T, dialectName string, register func(*handler.Server)) (professions, skills int) {
	t.Helper()
	st := testdb.Open(t, dialectName, testdb.Options{})
	srv := handler.New(graph.NewSchema(graph.Deps{Client: st.Client}))
	srv.AddTransport(transport.POST{})
	srv.AroundOperations(graph.Loaders(st.Client))
	register(srv)
	srv.Use(gqlexec.DirectScalars(srv))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	body, _ := json.Marshal(map[string]string{"query": listing})
	res, err := http.Post(ts.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Professions struct {
				Edges []struct {
					Node struct {
						Slug   string
						Skills struct {
							Edges []struct {
								Node struct{ Skill struct{ Name string } }
							}
						}
					}
				}
			}
		}
		Errors []any
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if len(out.Errors) > 0 {
		t.Fatalf("errors: %v", out.Errors)
	}
	for _, p := range out.Data.Professions.Edges {
		if p.Node.Slug == "" {
			t.Fatalf("a profession without its slug: %+v", out.Data)
		}
		professions++
		for _, s := range p.Node.Skills.Edges {
			if s.Node.Skill.Name == "" {
				t.Fatalf("a skill without its name: %+v", out.Data)
			}
			skills++
		}
	}
	if professions == 0 || skills == 0 {
		t.Fatalf("the demo catalogue answered %d professions and %d skills", professions, skills)
	}
	return professions, skills
}

// A field middleware registered the ordinary way is called for every field of the answer, the
// plain struct reads included: the executor's fast path, which skips the field middleware, is
// not taken while such a middleware is registered.
func TestFieldMiddlewareSeesEveryField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialectName string) {
		var log fieldLog
		professions, skills := listingPage(t, dialectName, func(srv *handler.Server) { srv.AroundFields(log.middleware) })
		for name, want := range map[string]int{
			"Profession.slug": professions, "Profession.title": professions,
			"ProfessionSkill.importance": skills, "Skill.slug": skills, "Skill.name": skills,
		} {
			if got := log.count(name); got != want {
				t.Errorf("field middleware saw %s %d times, want %d (once per object of the answer)", name, got, want)
			}
		}
	})
}

// A field middleware that declares it needs only the fields with resolvers leaves the fast path
// open: it is not called for plain struct reads, and still is for every field with a resolver.
func TestResolverFieldMiddlewareLeavesTheFastPath(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialectName string) {
		var log fieldLog
		listingPage(t, dialectName, func(srv *handler.Server) { srv.Use(gqlexec.ResolverFields(log.middleware)) })
		for _, name := range []string{"Profession.slug", "Skill.name", "ProfessionSkill.importance"} {
			if n := log.count(name); n != 0 {
				t.Errorf("%s went through the field middleware %d times: the fast path was not taken", name, n)
			}
		}
		if n := log.count("Profession.skills"); n == 0 {
			t.Errorf("the resolver field Profession.skills was not seen: %v", log.fields)
		}
	})
}

// Tracing, which leaves the fast path open, still has a span for every field with a resolver:
// the same fields, as often, as a field middleware that sees every field finds with resolvers.
func TestTracingSeesEveryResolverField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialectName string) {
		var every fieldLog
		listingPage(t, dialectName, func(srv *handler.Server) { srv.AroundFields(every.middleware) })

		spans := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
		var scalars fieldLog
		listingPage(t, dialectName, func(srv *handler.Server) {
			srv.Use(tracing.Resolvers(tp))
			srv.Use(gqlexec.ResolverFields(scalars.middleware))
		})
		var traced []string
		for _, s := range spans.Ended() {
			if name, ok := strings.CutPrefix(s.Name(), "resolve "); ok {
				traced = append(traced, name)
			}
		}
		slices.Sort(traced)
		want := slices.Clone(every.resolvers)
		slices.Sort(want)
		if len(want) == 0 || !slices.Equal(traced, want) {
			t.Errorf("traced resolver fields\n%v\nwant\n%v", traced, want)
		}
		if n := scalars.count("Profession.slug"); n != 0 {
			t.Errorf("with tracing on, Profession.slug went through the field middleware %d times", n)
		}
	})
}
