package career

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/internal/apierr"
)

// Match is a profession ranked against a profession or against a learner's skills, with the
// skills that explain its score.
type Match struct {
	// Profession is the profession matched.
	Profession *ent.Profession
	// Score is in (0, 1]; higher is closer. See the package documentation for the formulas.
	Score float64
	// Shared are the matched profession's skills that count for it (skills of the other
	// profession, or skills the learner holds), with their importance for the matched
	// profession, essential first.
	Shared []Requirement
	// Missing are the matched profession's skills that do not count for it, with their
	// importance for the matched profession, essential first.
	Missing []Requirement
	// UsesCount is how many of the given skills (the learner's, or the other profession's) the
	// matched profession lists, of GivenCount.
	UsesCount, GivenCount int
	// EssentialHeld is how many of the matched profession's EssentialCount essential skills are
	// among the given ones; SkillCount is how many skills it lists in all.
	EssentialHeld, EssentialCount, SkillCount int
	// Explanation says the counts in words: "uses 6 of your 6 skills; you hold 3 of its 24
	// essential skills".
	Explanation string
	// num/den is Score as an exact fraction, for ranking.
	num, den int
}

// count fills the match's counts from the given skills (skill IDs).
func (m *Match) count(given map[int]bool) {
	m.GivenCount = len(given)
	for _, r := range append(append([]Requirement{}, m.Shared...), m.Missing...) {
		m.SkillCount++
		in := given[r.Skill.ID]
		if in {
			m.UsesCount++
		}
		if r.Importance == enum.Essential {
			m.EssentialCount++
			if in {
				m.EssentialHeld++
			}
		}
	}
}

// SimilarProfessions ranks the other professions by weighted Jaccard similarity of their skills
// with those of the given profession (see the package documentation), best first, leaving out
// those sharing no skill. Shared lists the skills both need, Missing those the matched
// profession needs and the given one does not. first limits the number of matches; 0 or less
// means no limit. A profession the caller cannot see is NOT_FOUND (an *apierr.Error).
func SimilarProfessions(ctx context.Context, c *ent.Client, professionID int, first int) ([]Match, error) {
	// The profession and every profession sharing a skill with it, in one eager-loaded query.
	// The subquery only narrows the rows; the links and skills loaded go through the
	// publication filter like any other read.
	ps, err := withNeeds(c.Profession.Query().Where(profession.Or(
		profession.ID(professionID),
		profession.HasSkillsWith(professionskill.HasSkillWith(
			skill.HasProfessionsWith(professionskill.ProfessionID(professionID)))),
	))).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading the professions close to profession %d: %w", professionID, err)
	}
	i := slices.IndexFunc(ps, func(p *ent.Profession) bool { return p.ID == professionID })
	if i < 0 {
		return nil, apierr.New(apierr.NotFound, "no profession has this ID")
	}
	own := map[int]int{} // skill ID → weight for the given profession
	for _, r := range requirements(ps[i]) {
		own[r.Skill.ID] = weight(r.Importance)
	}
	var out []Match
	for _, p := range ps {
		if p.ID == professionID {
			continue
		}
		m := Match{Profession: p, Shared: []Requirement{}, Missing: []Requirement{}}
		seen := map[int]bool{}
		for _, r := range requirements(p) {
			w, mine := weight(r.Importance), own[r.Skill.ID]
			seen[r.Skill.ID] = true
			m.num += min(w, mine)
			m.den += max(w, mine)
			if mine > 0 {
				m.Shared = append(m.Shared, r)
			} else {
				m.Missing = append(m.Missing, r)
			}
		}
		for id, mine := range own {
			if !seen[id] {
				m.den += mine
			}
		}
		given := make(map[int]bool, len(own))
		for id := range own {
			given[id] = true
		}
		m.count(given)
		m.Explanation = fmt.Sprintf("uses %d of the %d skills of %s; %s lists %d of its %d essential skills",
			m.UsesCount, m.GivenCount, ps[i].Title, ps[i].Title, m.EssentialHeld, m.EssentialCount)
		out = append(out, m)
	}
	return rank(out, first), nil
}

// CareerTransitions ranks the professions that need any of the learner's skills (have, skill
// IDs) by how well the two sides meet (see the package documentation): first how many of the
// learner's skills the profession uses, then how much of its essential skills the learner
// holds. Shared lists the held skills each profession needs, Missing the ones it needs that are
// not held. first limits the number of matches; 0 or less means no limit.
func CareerTransitions(ctx context.Context, c *ent.Client, have []int, first int) ([]Match, error) {
	if len(have) == 0 {
		return []Match{}, nil
	}
	held := setOf(have)
	ps, err := withNeeds(c.Profession.Query().Where(
		profession.HasSkillsWith(professionskill.SkillIDIn(have...)),
	)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading the professions that need %d skills: %w", len(held), err)
	}
	out := make([]Match, 0, len(ps))
	for _, p := range ps {
		m := Match{Profession: p, Shared: []Requirement{}, Missing: []Requirement{}}
		for _, r := range requirements(p) {
			if held[r.Skill.ID] {
				m.Shared = append(m.Shared, r)
			} else {
				m.Missing = append(m.Missing, r)
			}
		}
		m.count(held)
		m.Explanation = fmt.Sprintf("uses %d of your %d skills; you hold %d of its %d essential skills",
			m.UsesCount, m.GivenCount, m.EssentialHeld, m.EssentialCount)
		// score = (uses + coverage) / (given + 1), coverage = held essential / essential (1
		// when the profession lists none): as a fraction, (uses·E + H) / (E·(given + 1)).
		e := max(m.EssentialCount, 1)
		held := m.EssentialHeld
		if m.EssentialCount == 0 {
			held = 1
		}
		if m.UsesCount > 0 {
			m.num, m.den = m.UsesCount*e+held, e*(m.GivenCount+1)
		}
		out = append(out, m)
	}
	return rank(out, first), nil
}

// rank drops the matches scoring 0, computes the scores, orders the rest (score, title, ID)
// and keeps the first ones.
func rank(ms []Match, first int) []Match {
	ms = slices.DeleteFunc(ms, func(m Match) bool { return m.num == 0 })
	for i := range ms {
		ms[i].Score = float64(ms[i].num) / float64(ms[i].den)
	}
	slices.SortFunc(ms, func(a, b Match) int {
		return cmp.Or(
			cmp.Compare(b.num*a.den, a.num*b.den), // a.num/a.den vs b.num/b.den, higher first
			cmp.Compare(b.UsesCount, a.UsesCount), // more of the given skills used first
			cmp.Compare(a.Profession.Title, b.Profession.Title),
			cmp.Compare(a.Profession.ID, b.Profession.ID),
		)
	})
	if first > 0 && len(ms) > first {
		ms = ms[:first]
	}
	if ms == nil {
		ms = []Match{}
	}
	return ms
}
