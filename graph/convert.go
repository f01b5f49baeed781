package graph

import (
	"context"
	"math"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"careergraph/ent"
	"careergraph/ent/predicate"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/graph/model"
	"careergraph/internal/apierr"
	"careergraph/internal/career"
)

// money is an amount in a currency's minor unit, as the API shows it.
func money(cents int64, currency string) *model.Money {
	return &model.Money{Amount: float64(cents) / 100, AmountCents: int(cents), Currency: currency}
}

// pathOptions translates the learning path options of the API.
func pathOptions(in *model.LearningPathOptions) (career.PathOptions, error) {
	var o career.PathOptions
	if in == nil {
		return o, nil
	}
	if in.MaxPrice != nil {
		if *in.MaxPrice < 0 || math.IsNaN(*in.MaxPrice) {
			return o, apierr.Invalid("maxPrice", "maxPrice must not be negative")
		}
		cents := int64(math.Round(*in.MaxPrice * 100))
		o.MaxPrice = &cents
	}
	if in.Currency != nil {
		o.MaxPriceCurrency = *in.Currency
	}
	if in.Language != nil {
		o.Language = *in.Language
	}
	o.Formats, o.StartBefore = in.Formats, in.StartBefore
	return o, nil
}

// matchCount checks the number of matches asked for.
func matchCount(first *int) (int, error) {
	if first == nil {
		return 10, nil
	}
	if *first < 1 || *first > 100 {
		return 0, apierr.Invalid("first", "first must be between 1 and 100")
	}
	return *first, nil
}

// pointers turns a result list into the list of pointers gqlgen expects.
func pointers[T any](items []T, err error) ([]*T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out, nil
}

// maxDaysAhead bounds startsWithinDays: ten years ahead is more than any schedule holds, and a
// bound keeps the date it computes within what the stores can compare.
const maxDaysAhead = 3660

// withoutNotFound runs a lookup of several objects by ID, which reports each one that does not
// exist, or that the caller may not see, as a NOT_FOUND error at its index: for Relay and for
// clients that throw on any error (Apollo's default), such an entry is null and nothing more.
// The lookup's other errors are the response's.
func withoutNotFound(ctx context.Context, lookup func(context.Context) ([]ent.Noder, error)) ([]ent.Noder, error) {
	quiet := graphql.WithFreshResponseContext(ctx)
	nodes, err := lookup(quiet)
	for _, e := range graphql.GetErrors(quiet) {
		if code, _ := e.Extensions["code"].(string); code != string(apierr.NotFound) {
			graphql.AddError(ctx, e)
		}
	}
	if ent.IsNotFound(err) {
		return nodes, nil
	}
	return nodes, err
}

// collectionPredicates match the skills of each of ESCO's collections, one indexed column each.
var collectionPredicates = map[enum.SkillCollection]predicate.Skill{
	enum.DigitalCollection:     skill.InDigitalCollection(true),
	enum.GreenCollection:       skill.InGreenCollection(true),
	enum.LanguageCollection:    skill.InLanguageCollection(true),
	enum.ResearchCollection:    skill.InResearchCollection(true),
	enum.DigCompCollection:     skill.InDigcompCollection(true),
	enum.TransversalCollection: skill.InTransversalCollection(true),
}

// skillCollections lists the collections a skill belongs to, in the order of the enum.
func skillCollections(s *ent.Skill) []enum.SkillCollection {
	out := []enum.SkillCollection{}
	for c, in := range map[enum.SkillCollection]bool{
		enum.DigitalCollection: s.InDigitalCollection, enum.GreenCollection: s.InGreenCollection,
		enum.LanguageCollection: s.InLanguageCollection,
		enum.ResearchCollection: s.InResearchCollection, enum.DigCompCollection: s.InDigcompCollection,
		enum.TransversalCollection: s.InTransversalCollection,
	} {
		if in {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b enum.SkillCollection) int {
		return slices.Index(a.Values(), string(a)) - slices.Index(b.Values(), string(b))
	})
	return out
}
