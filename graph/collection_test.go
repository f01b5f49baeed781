package graph_test

import (
	"encoding/json"
	"testing"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// Field collection reads only the columns a query asks for, and the fields that resolvers compute
// from columns (a training's price, a profession's salary) name theirs with ent/schema's ReadBy.
// Asked on their own, they must give what they give beside jsonLd, a field that makes ent read
// every column: a column missing from ReadBy shows here as a null or a false.
func TestComputedFieldsReadTheirColumns(t *testing.T) {
	cases := []struct{ name, fields, wide string }{
		{"training price", `trainings(first: 50, orderBy: [{field: TITLE}]) { edges { node { slug price { amountCents currency } isFree } } }`,
			`trainings(first: 50, orderBy: [{field: TITLE}]) { edges { node { slug price { amountCents currency } isFree jsonLd } } }`},
		{"profession salary", `professions(first: 50, orderBy: [{field: TITLE}]) { edges { node { slug salary { min max currency period } timeToLearn { minMonths maxMonths } } } }`,
			`professions(first: 50, orderBy: [{field: TITLE}]) { edges { node { slug salary { min max currency period } timeToLearn { minMonths maxMonths } jsonLd } } }`},
		{"skill collections", `skills(first: 100, orderBy: [{field: NAME}]) { edges { node { slug collections } } }`,
			`skills(first: 100, orderBy: [{field: NAME}]) { edges { node { slug collections description } } }`},
	}
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		for _, c := range cases {
			var narrow, wide map[string]map[string][]map[string]map[string]any
			s.Query(t, "{ "+c.fields+" }", nil, &narrow)
			s.Query(t, "{ "+c.wide+" }", nil, &wide)
			set := 0
			for _, conn := range wide {
				for _, e := range conn["edges"] {
					delete(e["node"], "jsonLd")
					delete(e["node"], "description")
					for k, v := range e["node"] {
						if k != "slug" && v != nil && v != false && !isEmptyList(v) {
							set++
						}
					}
				}
			}
			a, _ := json.Marshal(narrow)
			b, _ := json.Marshal(wide)
			if string(a) != string(b) {
				t.Errorf("%s: asked alone\n%s\nasked with every column\n%s", c.name, a, b)
			}
			if set == 0 {
				t.Errorf("%s: no node of the demo catalogue has a value to compare", c.name)
			}
		}
	})
}

func isEmptyList(v any) bool {
	l, ok := v.([]any)
	return ok && len(l) == 0
}
