package career_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/career"
)

// anon is the context of an anonymous caller: published content only.
var anon = context.Background()

// catalogue is the test database's content, read as the server (drafts included), to look
// things up by slug and to compute expectations independently of the package under test.
type catalogue struct {
	client      *ent.Client
	skills      map[string]*ent.Skill
	skillByID   map[int]*ent.Skill
	professions map[string]*ent.Profession
	// needs maps a profession's slug to its skill links, keyed by skill slug.
	needs     map[string]map[string]enum.Importance
	trainings map[string]*ent.Training // with skills and sessions
}

// mustCatalogue reads the whole catalogue of c.
func mustCatalogue(tb testing.TB, c *ent.Client) *catalogue {
	tb.Helper()
	sys := access.AsSystem(context.Background())
	cat := &catalogue{
		client:      c,
		skills:      map[string]*ent.Skill{},
		skillByID:   map[int]*ent.Skill{},
		professions: map[string]*ent.Profession{},
		needs:       map[string]map[string]enum.Importance{},
		trainings:   map[string]*ent.Training{},
	}
	skills, err := c.Skill.Query().All(sys)
	if err != nil {
		tb.Fatalf("reading skills: %v", err)
	}
	for _, s := range skills {
		cat.skills[s.Slug], cat.skillByID[s.ID] = s, s
	}
	ps, err := c.Profession.Query().WithSkills(func(q *ent.ProfessionSkillQuery) { q.WithSkill() }).All(sys)
	if err != nil {
		tb.Fatalf("reading professions: %v", err)
	}
	for _, p := range ps {
		cat.professions[p.Slug] = p
		cat.needs[p.Slug] = map[string]enum.Importance{}
		for _, l := range p.Edges.Skills {
			cat.needs[p.Slug][l.Edges.Skill.Slug] = l.Importance
		}
	}
	ts, err := c.Training.Query().WithSkills().WithSessions().All(sys)
	if err != nil {
		tb.Fatalf("reading trainings: %v", err)
	}
	for _, t := range ts {
		cat.trainings[t.Slug] = t
	}
	return cat
}

// profession returns the ID of the profession with this slug.
func (c *catalogue) profession(tb testing.TB, slug string) int {
	tb.Helper()
	p, ok := c.professions[slug]
	if !ok {
		tb.Fatalf("the catalogue has no profession %q", slug)
	}
	return p.ID
}

// skillIDs returns the IDs of the skills with these slugs.
func (c *catalogue) skillIDs(tb testing.TB, slugs ...string) []int {
	tb.Helper()
	ids := make([]int, 0, len(slugs))
	for _, s := range slugs {
		sk, ok := c.skills[s]
		if !ok {
			tb.Fatalf("the catalogue has no skill %q", s)
		}
		ids = append(ids, sk.ID)
	}
	return ids
}

// published reports whether a skill is visible to anonymous callers.
func (c *catalogue) published(skillSlug string) bool {
	return c.skills[skillSlug].Status == enum.Published
}

// visibleNeeds lists the slugs of a profession's published skills of the given importance
// (any importance when empty), sorted.
func (c *catalogue) visibleNeeds(profession string, importance enum.Importance) []string {
	var out []string
	for s, imp := range c.needs[profession] {
		if c.published(s) && (importance == "" || imp == importance) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// teaches reports whether training t teaches the skill with this slug.
func teaches(t *ent.Training, skillSlug string) bool {
	return slices.ContainsFunc(t.Edges.Skills, func(s *ent.Skill) bool { return s.Slug == skillSlug })
}

// eligible reports, independently of the package, whether a learning path under o may use t.
func eligible(t *ent.Training, o career.PathOptions) bool {
	if t.Status != enum.Published {
		return false
	}
	if len(o.Formats) > 0 && !slices.Contains(o.Formats, t.Format) {
		return false
	}
	if o.Language != "" && !strings.EqualFold(o.Language, t.Language) {
		return false
	}
	isFree := t.PriceCents == nil || *t.PriceCents == 0
	if o.MaxPrice != nil && !isFree {
		cur := o.MaxPriceCurrency
		if cur == "" {
			cur = "EUR"
		}
		if !strings.EqualFold(*t.PriceCurrency, cur) || *t.PriceCents > *o.MaxPrice {
			return false
		}
	}
	if t.Format == enum.SelfPaced {
		return true
	}
	return slices.ContainsFunc(t.Edges.Sessions, func(s *ent.TrainingSession) bool {
		return openAt(s, o.Now) && (o.StartBefore == nil || s.StartsAt.Before(*o.StartBefore))
	})
}

// openAt is the definition of an open session, written out again.
func openAt(s *ent.TrainingSession, now time.Time) bool {
	return s.Status == enum.Scheduled && s.StartsAt.After(now) &&
		(s.RegistrationDeadline == nil || s.RegistrationDeadline.After(now))
}

// skillSlugs returns the slugs of skills, in their order.
func skillSlugs(ss []*ent.Skill) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Slug
	}
	return out
}

// trainingSlugs returns the slugs of trainings, in their order.
func trainingSlugs(ts []*ent.Training) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

func requirementSlugs(rs []career.Requirement) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Skill.Slug
	}
	return out
}

func missingSlugs(ms []career.MissingSkill) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Skill.Slug
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// isNotFound reports whether err is the API's NOT_FOUND error.
func isNotFound(err error) bool {
	var e *apierr.Error
	return errors.As(err, &e) && e.Code == apierr.NotFound
}

// mustGap is SkillGap, failing the test on error.
func mustGap(tb testing.TB, ctx context.Context, c *ent.Client, professionID int, have []int) *career.Gap {
	tb.Helper()
	g, err := career.SkillGap(ctx, c, professionID, have)
	if err != nil {
		tb.Fatalf("SkillGap: %v", err)
	}
	return g
}

// mustPath is LearningPath, failing the test on error.
func mustPath(tb testing.TB, ctx context.Context, c *ent.Client, professionID int, have []int, o career.PathOptions) *career.Path {
	tb.Helper()
	p, err := career.LearningPath(ctx, c, professionID, have, o)
	if err != nil {
		tb.Fatalf("LearningPath: %v", err)
	}
	return p
}

// mustSimilar is SimilarProfessions, failing the test on error.
func mustSimilar(tb testing.TB, ctx context.Context, c *ent.Client, professionID, first int) []career.Match {
	tb.Helper()
	ms, err := career.SimilarProfessions(ctx, c, professionID, first)
	if err != nil {
		tb.Fatalf("SimilarProfessions: %v", err)
	}
	return ms
}

// mustTransitions is CareerTransitions, failing the test on error.
func mustTransitions(tb testing.TB, ctx context.Context, c *ent.Client, have []int, first int) []career.Match {
	tb.Helper()
	ms, err := career.CareerTransitions(ctx, c, have, first)
	if err != nil {
		tb.Fatalf("CareerTransitions: %v", err)
	}
	return ms
}

func matchSlugs(ms []career.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Profession.Slug
	}
	return out
}

// checkRanking checks what every ranking promises: scores in (0, 1], best first, ties by title
// then ID, essential skills first in Shared and Missing.
func checkRanking(t *testing.T, ms []career.Match) {
	t.Helper()
	for i, m := range ms {
		if m.Score <= 0 || m.Score > 1 {
			t.Errorf("%s scores %v, outside (0, 1]", m.Profession.Slug, m.Score)
		}
		if i > 0 {
			prev := ms[i-1]
			if prev.Score < m.Score || prev.Score == m.Score && (prev.UsesCount < m.UsesCount || prev.UsesCount == m.UsesCount &&
				(prev.Profession.Title > m.Profession.Title || prev.Profession.Title == m.Profession.Title && prev.Profession.ID > m.Profession.ID)) {
				t.Errorf("%s (%v) is ranked after %s (%v)", m.Profession.Slug, m.Score, prev.Profession.Slug, prev.Score)
			}
		}
		for _, list := range [][]career.Requirement{m.Shared, m.Missing} {
			if !slices.IsSortedFunc(list, func(a, b career.Requirement) int {
				if a.Importance != b.Importance {
					if a.Importance == enum.Essential {
						return -1
					}
					return 1
				}
				return strings.Compare(a.Skill.Name, b.Skill.Name)
			}) {
				t.Errorf("%s lists skills %v out of order (essential first, then by name)", m.Profession.Slug, requirementSlugs(list))
			}
		}
	}
}

// formatScore renders a score for messages and comparisons.
func formatScore(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) }
