package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/batch"
)

// loaders fetch, per request, what a field on every item of a list needs, in one query per edge.
type loaders struct {
	trainings   *batch.Loader[int, *ent.Training]
	professions *batch.Loader[int, *ent.Profession]
}

type loadersKey struct{}

// Loaders is an operation middleware that gives each request its own loaders over client. A
// subscription gets fresh ones for each event: what they remember is only as current as the event.
func Loaders(client *ent.Client) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		l := newLoaders(client)
		responses := next(context.WithValue(ctx, loadersKey{}, l))
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
	}
}

// loaders returns the request's loaders, or new ones where the schema runs without Loaders.
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

// siblings returns the IDs of the items of the list that the object being resolved belongs to —
// the page of a connection ([]E, edges with nodes) or a plain list ([]N) — so that a loader can
// fetch for all of them at once. Outside a list it returns nil.
func siblings[N, E any](ctx context.Context, node func(E) N, id func(N) int) []int {
	fc := graphql.GetFieldContext(ctx)
	for depth := 0; fc != nil && depth < 5; fc, depth = fc.Parent, depth+1 {
		switch list := fc.Result.(type) {
		case []E:
			ids := make([]int, len(list))
			for i, e := range list {
				ids[i] = id(node(e))
			}
			return ids
		case []N:
			ids := make([]int, len(list))
			for i, n := range list {
				ids[i] = id(n)
			}
			return ids
		}
	}
	return nil
}

func trainingSiblings(ctx context.Context) []int {
	return siblings(ctx, func(e *ent.TrainingEdge) *ent.Training { return e.Node }, func(t *ent.Training) int { return t.ID })
}

func professionSiblings(ctx context.Context) []int {
	return siblings(ctx, func(e *ent.ProfessionEdge) *ent.Profession { return e.Node }, func(p *ent.Profession) int { return p.ID })
}
