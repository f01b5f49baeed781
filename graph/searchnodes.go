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
	"careergraph/graph/model"
	"careergraph/internal/apierr"
	"careergraph/internal/search"
)

// hitNodes loads the objects of the hits of a page of search results: one query per type
// found, each eager-loading what the query selects on `node { … on Type }` (ctx is the node
// field's), so nested fields of the hits cost no query per hit. The objects come in the order
// of hits; a hit whose object has gone since the search ran (or that the caller may no longer
// read) gets an error of its own.
func (r *Resolver) hitNodes(ctx context.Context, hits []*model.SearchEdge) ([]ent.Noder, error) {
	ids := map[search.Type][]int{}
	for _, h := range hits {
		ids[h.Type] = append(ids[h.Type], h.ID)
	}
	found := map[int]ent.Noder{}
	add := func(err error, nodes ...ent.Noder) error {
		for _, n := range nodes {
			found[noderID(n)] = n
		}
		return err
	}
	for typ, keys := range ids {
		var err error
		switch typ {
		case search.Profession:
			err = load(ctx, r.client.Profession.Query().Where(profession.IDIn(keys...)), "Profession", add)
		case search.Skill:
			err = load(ctx, r.client.Skill.Query().Where(skill.IDIn(keys...)), "Skill", add)
		case search.Training:
			err = load(ctx, r.client.Training.Query().Where(training.IDIn(keys...)), "Training", add)
		case search.BlogPost:
			err = load(ctx, r.client.BlogPost.Query().Where(blogpost.IDIn(keys...)), "BlogPost", add)
		case search.GlossaryTerm:
			err = load(ctx, r.client.GlossaryTerm.Query().Where(glossaryterm.IDIn(keys...)), "GlossaryTerm", add)
		}
		if err != nil {
			return nil, err
		}
	}
	nodes := make([]ent.Noder, len(hits))
	var errs graphql.BatchErrorList
	for i, h := range hits {
		if nodes[i] = found[h.ID]; nodes[i] == nil {
			if errs == nil {
				errs = make(graphql.BatchErrorList, len(hits))
			}
			errs[i] = apierr.New(apierr.NotFound, "this hit's object was removed or unpublished after the search ran: search again")
		}
	}
	if errs != nil {
		return nodes, errs
	}
	return nodes, nil
}

// collectableAll is an ent query that eager-loads the selection and returns all rows.
type collectableAll[Q any, T ent.Noder] interface {
	CollectFields(context.Context, ...string) (Q, error)
	All(context.Context) ([]T, error)
}

// load runs q, eager-loading what the selection asks of objects of type typ: fields selected on
// typ, and through fragments on what every hit is (a Node, a SearchResult).
func load[Q collectableAll[Q, T], T ent.Noder](ctx context.Context, q Q, typ string, add func(error, ...ent.Noder) error) error {
	q, err := q.CollectFields(ctx, typ, "Node", "SearchResult")
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
