package httpapi_test

import (
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/testdb"
)

// TestNestedPagesAreCutPerParent: on PostgreSQL a nested page of `first: n` is read parent by
// parent and cut at n+1 rows where it is read (a Limit inside a loop over the parents), not by
// numbering every child of every parent first (a WindowAgg over all of them).
func TestNestedPagesAreCutPerParent(t *testing.T) {
	rec := &testdb.Recorder{}
	st := testdb.Open(t, dialect.Postgres, testdb.Options{WrapDriver: rec.Wrap})
	s := newServerOn(t, st, new(atomic.Int64))
	queries := map[string]struct {
		query, table string
	}{
		"SkillsOfProfessionsByName":  {`{ professions(first: 10) { edges { node { skills(first: 2, orderBy: [{field: SKILL_NAME}]) { edges { node { skill { name } } } } } } } }`, "profession_skills"},
		"SessionsOfTrainingsByStart": {`{ trainings(first: 10) { edges { node { sessions(first: 1, orderBy: [{field: STARTS_AT}]) { edges { node { startsAt } } } } } } }`, "training_sessions"},
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			var plan string
			sent := rec.Record(func() {
				if resp := s.Do(t, q.query, nil); len(resp.Errors) > 0 {
					t.Fatalf("%+v", resp.Errors)
				}
			})
			for _, stmt := range sent {
				if strings.Contains(stmt.Query, `FROM "`+q.table+`"`) {
					plan = testdb.Explain(t, st, stmt)
				}
			}
			if plan == "" {
				t.Fatalf("no statement read %s: %v", q.table, sent)
			}
			m := limitLoops.FindStringSubmatch(plan)
			if strings.Contains(plan, "WindowAgg") || m == nil || m[1] == "1" {
				t.Errorf("the page is not cut per parent:\n%s", plan)
			}
		})
	}
}

// limitLoops finds a Limit node run once per parent, and how many times it ran.
var limitLoops = regexp.MustCompile(`Limit \(actual[^)]*loops=(\d+)\)`)
