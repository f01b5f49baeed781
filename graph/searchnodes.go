package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"careergraph/ent"
	"careergraph/ent/blogpost"
	"careergraph/ent/glossaryterm"
	"careergraph/ent/profession"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/internal/search"
)

// hitNodes loads the objects behind search hits: one query per type found, each eager-loading
// what the query selects on `edges { node { … on Type } }`, so nested fields of the hits cost no
// query per hit.
func (r *Resolver) hitNodes(ctx context.Context, hits []search.Hit) (map[int]ent.Noder, error) {
	ids := map[search.Type][]int{}
	for _, h := range hits {
		ids[h.Type] = append(ids[h.Type], h.ID)
	}
	nctx := nodeSelection(ctx)
	out := map[int]ent.Noder{}
	add := func(err error, nodes ...ent.Noder) error {
		for _, n := range nodes {
			out[noderID(n)] = n
		}
		return err
	}
	for typ, keys := range ids {
		var err error
		switch typ {
		case search.Profession:
			err = load(nctx, r.client.Profession.Query().Where(profession.IDIn(keys...)), "Profession", add)
		case search.Skill:
			err = load(nctx, r.client.Skill.Query().Where(skill.IDIn(keys...)), "Skill", add)
		case search.Training:
			err = load(nctx, r.client.Training.Query().Where(training.IDIn(keys...)), "Training", add)
		case search.BlogPost:
			err = load(nctx, r.client.BlogPost.Query().Where(blogpost.IDIn(keys...)), "BlogPost", add)
		case search.GlossaryTerm:
			err = load(nctx, r.client.GlossaryTerm.Query().Where(glossaryterm.IDIn(keys...)), "GlossaryTerm", add)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// collectableAll is an ent query that eager-loads the selection and returns all rows.
type collectableAll[Q any, T ent.Noder] interface {
	CollectFields(context.Context, ...string) (Q, error)
	All(context.Context) ([]T, error)
}

func load[Q collectableAll[Q, T], T ent.Noder](ctx context.Context, q Q, typ string, add func(error, ...ent.Noder) error) error {
	q, err := q.CollectFields(ctx, typ)
	if err != nil {
		return err
	}
	rows, err := q.All(ctx)
	nodes := make([]ent.Noder, len(rows))
	for i, row := range rows {
		nodes[i] = row
	}
	return add(err, nodes...)
}

// nodeSelection returns ctx positioned at the `node` field under `edges` of the search being
// resolved, so that entgql collects the fields selected on the hits.
func nodeSelection(ctx context.Context) context.Context {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ctx
	}
	oc := graphql.GetOperationContext(ctx)
	for _, edges := range graphql.CollectFields(oc, fc.Field.Selections, []string{"SearchConnection"}) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(oc, edges.Selections, []string{"SearchEdge"}) {
			if node.Name == "node" {
				return graphql.WithFieldContext(ctx, &graphql.FieldContext{Parent: fc, Field: node, Object: "SearchEdge"})
			}
		}
	}
	return ctx
}

// noderID returns the ID of any ent node.
func noderID(n ent.Noder) int {
	switch v := n.(type) {
	case *ent.Profession:
		return v.ID
	case *ent.Skill:
		return v.ID
	case *ent.Training:
		return v.ID
	case *ent.BlogPost:
		return v.ID
	case *ent.GlossaryTerm:
		return v.ID
	}
	return 0
}
