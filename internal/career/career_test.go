package career_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/career"
	"careergraph/internal/testing/testdb"
)

// answers runs every question of the package about the catalogue as the caller in ctx and
// renders the answers as text naming every profession, skill, training and session in them.
func answers(t *testing.T, ctx context.Context, c *ent.Client, cat *catalogue, now time.Time) string {
	t.Helper()
	var b strings.Builder
	var slugs []string
	for slug, p := range cat.professions {
		if p.Status == enum.Published {
			slugs = append(slugs, slug)
		}
	}
	slices.Sort(slugs)
	zero := int64(0)
	for _, slug := range slugs {
		id := cat.profession(t, slug)
		essential := cat.visibleNeeds(slug, enum.Essential)
		some := cat.skillIDs(t, essential[:len(essential)/2]...)
		fmt.Fprintf(&b, "gap %s: %s\n", slug, renderGap(mustGap(t, ctx, c, id, nil)))
		fmt.Fprintf(&b, "gap %s with half: %s\n", slug, renderGap(mustGap(t, ctx, c, id, some)))
		fmt.Fprintf(&b, "path %s: %s\n", slug, renderPath(mustPath(t, ctx, c, id, nil, career.PathOptions{Now: now})))
		fmt.Fprintf(&b, "free path %s: %s\n", slug, renderPath(mustPath(t, ctx, c, id, some, career.PathOptions{Now: now, MaxPrice: &zero})))
		fmt.Fprintf(&b, "similar %s: %s\n", slug, renderMatches(mustSimilar(t, ctx, c, id, 0)))
	}
	var all []string
	for s := range cat.skills {
		all = append(all, s)
	}
	slices.Sort(all)
	for _, have := range [][]string{{"python"}, {"communication", "sql"}, all} {
		fmt.Fprintf(&b, "transitions %d: %s\n", len(have), renderMatches(mustTransitions(t, ctx, c, cat.skillIDs(t, have...), 0)))
	}
	return b.String()
}

func renderGap(g *career.Gap) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s coverage=%v held=", g.Profession.Slug, formatScore(g.EssentialCoverage))
	for _, r := range g.Held {
		fmt.Fprintf(&b, "%s/%s,", r.Skill.Slug, r.Importance)
	}
	for _, list := range [][]career.MissingSkill{g.MissingEssential, g.MissingOptional} {
		b.WriteString(" missing=")
		for _, m := range list {
			fmt.Fprintf(&b, "%s/%s%v,", m.Skill.Slug, m.Importance, trainingSlugs(m.Trainings))
		}
	}
	return b.String()
}

func renderPath(p *career.Path) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s steps=", p.Profession.Slug)
	for _, s := range p.Steps {
		session := "-"
		if s.NextSession != nil {
			session = s.NextSession.Code
		}
		fmt.Fprintf(&b, "%s%v+%v@%s,", s.Training.Slug, skillSlugs(s.Covers), skillSlugs(s.AlsoTeaches), session)
	}
	fmt.Fprintf(&b, " uncovered=%v total=%v %dh+%d", skillSlugs(p.Uncovered), p.TotalPrice, p.TotalHours, p.StepsWithoutHours)
	return b.String()
}

func renderMatches(ms []career.Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s=%s%v-%v,", m.Profession.Slug, formatScore(m.Score), requirementSlugs(m.Shared), requirementSlugs(m.Missing))
	}
	return b.String()
}

func TestDraftContentNeverAppearsForAnonymousCallers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		cat := mustCatalogue(t, st.Client)
		now := time.Now()
		var drafts []string
		for slug, s := range cat.skills {
			if s.Status != enum.Published {
				drafts = append(drafts, "skill "+slug)
			}
		}
		for slug, p := range cat.professions {
			if p.Status != enum.Published {
				drafts = append(drafts, "profession "+slug)
			}
		}
		for slug, tr := range cat.trainings {
			if tr.Status != enum.Published {
				drafts = append(drafts, "training "+slug)
			}
		}
		for _, want := range []string{"skill prompt-engineering", "profession prompt-engineer", "training prompt-engineering-essentials"} {
			if !slices.Contains(drafts, want) {
				t.Fatalf("the demo catalogue's drafts %v lack %s", drafts, want)
			}
		}
		// Slugs are rendered between delimiters; look for whole slugs only.
		mentions := func(text, slug string) bool {
			for _, f := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(" []/,=+@:\n", r) }) {
				if f == slug {
					return true
				}
			}
			return false
		}

		public := answers(t, anon, st.Client, cat, now)
		for _, dr := range drafts {
			if slug := strings.Fields(dr)[1]; mentions(public, slug) {
				t.Errorf("an anonymous caller is shown the draft %s", dr)
			}
		}
		// The server, answering the same questions, sees the drafts: the filter made the difference.
		staff := answers(t, access.AsSystem(anon), st.Client, cat, now)
		for _, dr := range []string{"prompt-engineering", "prompt-engineering-essentials"} {
			if !mentions(staff, dr) {
				t.Errorf("the server's answers do not mention %s; the test cannot tell if drafts are hidden", dr)
			}
		}
	})
}

func TestAnswersAreTheSameOnRepeatAndOnBothStores(t *testing.T) {
	t.Parallel()
	now := time.Now()
	var first, firstName string
	for _, d := range testdb.Dialects {
		st := testdb.Open(t, d, testdb.Options{})
		cat := mustCatalogue(t, st.Client)
		a := answers(t, anon, st.Client, cat, now)
		if again := answers(t, anon, st.Client, cat, now); again != a {
			t.Errorf("%s answers differently the second time:\n%s", d, firstDifference(a, again))
		}
		if first == "" {
			first, firstName = a, d
		} else if a != first {
			t.Errorf("%s and %s answer differently:\n%s", firstName, d, firstDifference(first, a))
		}
	}
	if !strings.Contains(first, "full-stack-developer") {
		t.Fatalf("the answers are empty: %q", first)
	}
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return al[i] + "\n" + bl[i]
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(al), len(bl))
}

// TestStatementsDoNotGrowWithInput shows there is no N+1: each question costs the same number
// of SQL statements for a small and a large input, no more than the package documentation says.
func TestStatementsDoNotGrowWithInput(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		var n atomic.Int64
		st := testdb.Open(t, d, testdb.Options{
			WrapDriver: func(drv dialect.Driver) dialect.Driver {
				return dialect.DebugWithContext(drv, func(context.Context, ...any) { n.Add(1) })
			},
		})
		c := st.Client
		cat := mustCatalogue(t, c)
		now := time.Now()
		var published []string
		for slug, s := range cat.skills {
			if s.Status == enum.Published {
				published = append(published, slug)
			}
		}
		slices.Sort(published)
		if len(published) < 30 {
			t.Fatalf("the catalogue has %d published skills, the test needs 30", len(published))
		}

		type input struct {
			name string
			run  func() (size int)
		}
		gap := func(slug string) input {
			return input{slug, func() int {
				g := mustGap(t, anon, c, cat.profession(t, slug), nil)
				return len(g.MissingEssential) + len(g.MissingOptional)
			}}
		}
		path := func(slug string) input {
			return input{slug, func() int {
				return len(mustPath(t, anon, c, cat.profession(t, slug), nil, career.PathOptions{Now: now}).Steps)
			}}
		}
		similar := func(slug string) input {
			return input{slug, func() int { return len(mustSimilar(t, anon, c, cat.profession(t, slug), 0)) }}
		}
		transitions := func(k int) input {
			return input{fmt.Sprintf("%d held skills", k), func() int {
				return len(mustTransitions(t, anon, c, cat.skillIDs(t, published[:k]...), 0))
			}}
		}
		for _, tc := range []struct {
			name       string
			small, big input
			documented int64
		}{
			{"SkillGap", gap("network-engineer"), gap("back-end-developer"), 5},
			{"LearningPath", path("network-engineer"), path("back-end-developer"), 6},
			{"SimilarProfessions", similar("front-end-developer"), similar("devops-engineer"), 3},
			{"CareerTransitions", transitions(1), transitions(30), 3},
		} {
			t.Run(tc.name, func(t *testing.T) {
				count := func(in input) (int64, int) {
					n.Store(0)
					size := in.run()
					return n.Load(), size
				}
				small, smallSize := count(tc.small)
				big, bigSize := count(tc.big)
				if bigSize <= smallSize {
					t.Fatalf("%s gives %d results, %s %d: the comparison needs more for the big input", tc.small.name, smallSize, tc.big.name, bigSize)
				}
				if small != big || big > tc.documented {
					t.Errorf("%d statements for %s, %d for %s; want the same, at most %d", small, tc.small.name, big, tc.big.name, tc.documented)
				}
				t.Logf("%s: %d statements for %s (%d results), %d for %s (%d results)", d, small, tc.small.name, smallSize, big, tc.big.name, bigSize)
			})
		}
	})
}
