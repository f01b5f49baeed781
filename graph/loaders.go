package graph

import (
	"context"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/apierr"
	"careergraph/internal/batch"
)

// loaders fetch, per request, what a field needs beyond the row of each object, in one query for
// all the objects read together with it (see internal/batch), and remember the filter of each
// top-level listing the request returns, for its facets.
type loaders struct {
	trainings   *batch.Loader[int, *ent.Training]
	professions *batch.Loader[int, *ent.Profession]
	listings    *listings
}

type loadersKey struct{}

// Loaders is an operation middleware that gives each request its own loaders over client. A
// subscription gets fresh ones for each event: what they remember is only as current as the event.
func Loaders(client *ent.Client) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		l := newLoaders(client)
		responses := next(batch.WithRecorder(context.WithValue(ctx, loadersKey{}, l), l))
		if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != ast.Subscription {
			return responses
		}
		return func(ctx context.Context) *graphql.Response {
			*l = *newLoaders(client)
			return responses(ctx)
		}
	}
}

func newLoaders(c *ent.Client) *loaders {
	return &loaders{
		// A training with what its structured data shows: provider, skills, upcoming sessions.
		trainings: batch.New(func(ctx context.Context, ids []int) (map[int]*ent.Training, error) {
			ts, err := c.Training.Query().Where(training.IDIn(ids...)).WithProvider().
				WithSkills(func(q *ent.SkillQuery) { q.Order(skill.ByName()) }).
				WithSessions(func(q *ent.TrainingSessionQuery) {
					q.Where(trainingsession.StartsAtGT(time.Now()), trainingsession.StatusNEQ(enum.Completed)).
						Order(trainingsession.ByStartsAt())
				}).All(ctx)
			return byID(ts, func(t *ent.Training) int { return t.ID }), err
		}),
		// A profession with its skills, essential first.
		professions: batch.New(func(ctx context.Context, ids []int) (map[int]*ent.Profession, error) {
			ps, err := c.Profession.Query().Where(profession.IDIn(ids...)).
				WithSkills(func(q *ent.ProfessionSkillQuery) {
					q.WithSkill().Order(professionskill.ByImportance(), professionskill.BySkillField(skill.FieldName))
				}).All(ctx)
			return byID(ps, func(p *ent.Profession) int { return p.ID }), err
		}),
		listings: &listings{where: map[any]any{}},
	}
}

// Read records the trainings and professions each query returns as read together (batch.Recorder).
func (l *loaders) Read(rows any) {
	switch rows := rows.(type) {
	case []*ent.Training:
		l.trainings.Seen(ids(rows, func(t *ent.Training) int { return t.ID }))
	case []*ent.Profession:
		l.professions.Seen(ids(rows, func(p *ent.Profession) int { return p.ID }))
	}
}

// loaders returns the request's loaders. Where the schema runs without Loaders, each call gets
// new ones: jsonLd then loads per object, and facets are refused as on a nested listing.
func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.client)
}

func byID[T any](items []T, id func(T) int) map[int]T {
	m := make(map[int]T, len(items))
	for _, it := range items {
		m[id(it)] = it
	}
	return m
}

func ids[T any](items []T, id func(T) int) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// listings holds the where argument of each top-level listing (a connection a root field
// returned) of a request: facets count what the listing lists.
type listings struct {
	mu    sync.Mutex
	where map[any]any
}

// listing records where as the filter of the top-level listing conn, when the listing was read.
func listing[C any](ctx context.Context, r *Resolver, conn *C, where any, err error) (*C, error) {
	if err == nil && conn != nil {
		l := r.loaders(ctx).listings
		l.mu.Lock()
		l.where[conn] = where
		l.mu.Unlock()
	}
	return conn, err
}

// listingFilter returns the predicate of the filter of the top-level listing conn.
// Facets of a nested listing (a provider's trainings) would also need its parent's scope, which
// no where argument carries: they are offered on top-level listings only.
func listingFilter[W whereInput[P], P ~func(*sql.Selector)](ctx context.Context, r *Resolver, conn any) (P, error) {
	l := r.loaders(ctx).listings
	l.mu.Lock()
	where, ok := l.where[conn]
	l.mu.Unlock()
	if !ok {
		return nil, apierr.New(apierr.BadUserInput, "facets are counted for top-level listings only; filter the top-level list instead (e.g. trainings(where: {hasProviderWith: …}))")
	}
	w, _ := where.(W)
	return filterOf(w)
}
