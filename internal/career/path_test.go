package career_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/career"
	"careergraph/internal/testing/testdb"
)

func TestLearningPath(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		c := st.Client
		cat := mustCatalogue(t, c)
		now := time.Now()
		backEnd := cat.profession(t, "back-end-developer")
		price := func(cents int64) *int64 { return &cents }
		at := func(t time.Time) *time.Time { return &t }

		t.Run("CoversEveryEssentialSkillAnEligibleTrainingTeaches", func(t *testing.T) {
			steps := 0
			for slug, p := range cat.professions {
				if p.Status != enum.Published {
					continue
				}
				o := career.PathOptions{Now: now}
				path := mustPath(t, anon, c, p.ID, nil, o)
				checkPath(t, cat, slug, nil, o, path)
				steps += len(path.Steps)
			}
			if steps == 0 {
				t.Fatal("no profession has a path: the checks proved nothing")
			}
		})

		cases := []struct {
			name       string
			profession string
			have       []string
			opts       career.PathOptions
			// ok checks one step against what the options promise.
			ok func(career.Step) bool
		}{
			{
				name: "MaxPriceZeroUsesOnlyFreeTrainings", profession: "back-end-developer",
				opts: career.PathOptions{MaxPrice: price(0), Now: now},
				ok:   func(s career.Step) bool { return s.Training.PriceCents == nil || *s.Training.PriceCents == 0 },
			},
			{
				name: "MaxPriceComparesPricesInItsCurrencyOnly", profession: "data-analyst",
				opts: career.PathOptions{MaxPrice: price(2_000_000), MaxPriceCurrency: "sek", Now: now},
				ok: func(s career.Step) bool {
					t := s.Training
					return t.PriceCents == nil || *t.PriceCurrency == "SEK" && *t.PriceCents <= 2_000_000
				},
			},
			{
				name: "PricesInAnotherCurrencyDoNotQualify", profession: "data-analyst",
				opts: career.PathOptions{MaxPrice: price(100_000_000), Now: now},
				ok: func(s career.Step) bool {
					return s.Training.PriceCents == nil || *s.Training.PriceCurrency == "EUR"
				},
			},
			{
				name: "FormatsRestrictTheTrainings", profession: "back-end-developer",
				opts: career.PathOptions{Formats: []enum.TrainingFormat{enum.Online, enum.SelfPaced}, Now: now},
				ok: func(s career.Step) bool {
					return s.Training.Format == enum.Online || s.Training.Format == enum.SelfPaced
				},
			},
			{
				name: "LanguageRestrictsTheTrainings", profession: "back-end-developer",
				opts: career.PathOptions{Language: "FI", Now: now},
				ok:   func(s career.Step) bool { return s.Training.Language == "fi" },
			},
			{
				name: "StartBeforeInThePastLeavesOnlySelfPacedTrainings", profession: "back-end-developer",
				opts: career.PathOptions{StartBefore: at(now.Add(-time.Hour)), Now: now},
				ok:   func(s career.Step) bool { return s.Training.Format == enum.SelfPaced && s.NextSession == nil },
			},
			{
				name: "StartBeforeBoundsTheNextSession", profession: "full-stack-developer",
				opts: career.PathOptions{StartBefore: at(now.AddDate(0, 0, 30)), Now: now},
				ok: func(s career.Step) bool {
					return s.NextSession == nil || s.NextSession.StartsAt.Before(now.AddDate(0, 0, 30))
				},
			},
			{
				name: "LaterNowSkipsSessionsWhoseRegistrationClosed", profession: "devops-engineer",
				opts: career.PathOptions{Now: now.AddDate(0, 0, 20)},
				ok: func(s career.Step) bool {
					return s.NextSession == nil || s.NextSession.StartsAt.After(now.AddDate(0, 0, 20))
				},
			},
			{
				name: "HeldSkillsAreNotTaughtAgain", profession: "back-end-developer",
				have: []string{"sql", "git", "go"},
				opts: career.PathOptions{Now: now},
				ok: func(s career.Step) bool {
					return !slices.ContainsFunc(append(slices.Clone(s.Covers), s.AlsoTeaches...), func(k *ent.Skill) bool {
						return k.Slug == "sql" || k.Slug == "git" || k.Slug == "go"
					})
				},
			},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				path := mustPath(t, anon, c, cat.profession(t, tc.profession), cat.skillIDs(t, tc.have...), tc.opts)
				checkPath(t, cat, tc.profession, tc.have, tc.opts, path)
				if len(path.Steps) == 0 {
					t.Fatalf("the path is empty (uncovered: %v): the options were not put to the test", skillSlugs(path.Uncovered))
				}
				for _, s := range path.Steps {
					if !tc.ok(s) {
						t.Errorf("step %s breaks the options %+v", s.Training.Slug, tc.opts)
					}
				}
				unrestricted := mustPath(t, anon, c, cat.profession(t, tc.profession), cat.skillIDs(t, tc.have...), career.PathOptions{Now: now})
				t.Logf("%s: %v (uncovered %v); without options: %v (uncovered %v)", tc.profession,
					stepSlugs(path), skillSlugs(path.Uncovered), stepSlugs(unrestricted), skillSlugs(unrestricted.Uncovered))
			})
		}

		t.Run("HavingEveryEssentialSkillNeedsNoTraining", func(t *testing.T) {
			have := cat.skillIDs(t, cat.visibleNeeds("back-end-developer", enum.Essential)...)
			path := mustPath(t, anon, c, backEnd, have, career.PathOptions{Now: now})
			if len(path.Steps) != 0 || len(path.Uncovered) != 0 || path.TotalHours != 0 || len(path.TotalPrice) != 0 {
				t.Errorf("path = %v, uncovered %v, %d hours, %v; want nothing to do",
					stepSlugs(path), skillSlugs(path.Uncovered), path.TotalHours, path.TotalPrice)
			}
		})

		t.Run("DraftProfessionIsNotFoundForAnonymousCallers", func(t *testing.T) {
			if _, err := career.LearningPath(anon, c, cat.profession(t, "prompt-engineer"), nil, career.PathOptions{Now: now}); !isNotFound(err) {
				t.Errorf("error = %v, want NOT_FOUND", err)
			}
			if _, err := career.LearningPath(anon, c, 0, nil, career.PathOptions{Now: now}); !isNotFound(err) {
				t.Errorf("error for ID 0 = %v, want NOT_FOUND", err)
			}
		})

		t.Run("TiesGoToFewerHoursThenLowerPriceThenTitle", func(t *testing.T) {
			sys := access.AsSystem(anon)
			providerID := cat.trainings["go-for-backend-developers"].ProviderID
			prof, err := c.Profession.Create().SetTitle("Go Specialist").SetStatus(enum.Published).Save(sys)
			if err != nil {
				t.Fatal(err)
			}
			goSkill := cat.skillIDs(t, "go")[0]
			if err := c.ProfessionSkill.Create().SetProfessionID(prof.ID).SetSkillID(goSkill).SetImportance(enum.Essential).Exec(sys); err != nil {
				t.Fatal(err)
			}
			course := func(title string, hours *int, cents int64) *ent.Training {
				t.Helper()
				cr := c.Training.Create().SetTitle(title).SetLevel(enum.Beginner).SetFormat(enum.SelfPaced).
					SetProviderID(providerID).SetStatus(enum.Published).SetNillableDurationHours(hours).AddSkillIDs(goSkill)
				if cents > 0 {
					cr.SetPriceCents(cents).SetPriceCurrency("EUR")
				}
				tr, err := cr.Save(sys)
				if err != nil {
					t.Fatal(err)
				}
				return tr
			}
			hours := func(h int) *int { return &h }
			zeta := course("Zeta Go", hours(10), 10000)
			alpha := course("Alpha Go", hours(10), 10000)
			cheap := course("Beta Go", hours(10), 5000)
			long := course("Free Go", hours(20), 0)
			course("Unknown Length Go", nil, 0)

			first := func() string {
				t.Helper()
				path := mustPath(t, anon, c, prof.ID, nil, career.PathOptions{Now: now})
				if len(path.Steps) != 1 {
					t.Fatalf("path = %v, want one step", stepSlugs(path))
				}
				return path.Steps[0].Training.Slug
			}
			withdraw := func(tr *ent.Training) {
				t.Helper()
				if err := c.Training.UpdateOne(tr).SetStatus(enum.Draft).Exec(sys); err != nil {
					t.Fatal(err)
				}
			}
			for _, want := range []struct {
				slug, why string
				then      *ent.Training
			}{
				{cheap.Slug, "10 hours beat 20, 120 and unknown; 50 EUR beats 100 EUR", cheap},
				{alpha.Slug, "same hours and price: Alpha before Zeta", alpha},
				{zeta.Slug, "the last 10-hour course", zeta},
				{long.Slug, "20 hours beat go-for-backend-developers' 120 hours and an unknown length", long},
				{"go-for-backend-developers", "a stated duration beats an unknown one", nil},
			} {
				if got := first(); got != want.slug {
					t.Fatalf("first step = %s, want %s (%s)", got, want.slug, want.why)
				}
				if want.then != nil {
					withdraw(want.then)
				}
			}
		})
	})
}

// checkPath checks a learning path against the catalogue, with the eligibility rules written
// out again in the test: the steps cover exactly the missing essential skills some eligible
// training teaches, greedily, and the rest is Uncovered.
func checkPath(t *testing.T, cat *catalogue, profession string, have []string, o career.PathOptions, p *career.Path) {
	t.Helper()
	if p.Profession.Slug != profession {
		t.Errorf("path for %s, want %s", p.Profession.Slug, profession)
	}
	uncovered := map[string]bool{}
	for _, s := range cat.visibleNeeds(profession, enum.Essential) {
		if !slices.Contains(have, s) {
			uncovered[s] = true
		}
	}
	var candidates []*ent.Training
	taught := map[string]bool{}
	for _, tr := range cat.trainings {
		if eligible(tr, o) {
			candidates = append(candidates, tr)
			for s := range uncovered {
				if teaches(tr, s) {
					taught[s] = true
				}
			}
		}
	}
	gain := func(tr *ent.Training) int {
		n := 0
		for s := range uncovered {
			if teaches(tr, s) {
				n++
			}
		}
		return n
	}

	hours, prices, unknown := 0, map[string]int64{}, 0
	seen := map[string]bool{}
	for i, step := range p.Steps {
		tr := cat.trainings[step.Training.Slug]
		if seen[tr.Slug] {
			t.Errorf("%s: %s appears twice", profession, tr.Slug)
		}
		seen[tr.Slug] = true
		if !eligible(tr, o) {
			t.Errorf("%s: step %s is not eligible under %+v", profession, tr.Slug, o)
		}
		if len(step.Covers) == 0 {
			t.Errorf("%s: step %s covers nothing", profession, tr.Slug)
		}
		if g := gain(tr); g != len(step.Covers) {
			t.Errorf("%s: step %s covers %v but teaches %d uncovered skills", profession, tr.Slug, skillSlugs(step.Covers), g)
		}
		// Greedy: no other training would have covered more, or as many in fewer hours.
		for _, other := range candidates {
			g := gain(other)
			if g > len(step.Covers) || g == len(step.Covers) && fewerHours(other, tr) {
				t.Errorf("%s: step %d is %s (covers %d), but %s covers %d with %v hours",
					profession, i+1, tr.Slug, len(step.Covers), other.Slug, g, other.DurationHours)
			}
		}
		for _, s := range step.Covers {
			if !uncovered[s.Slug] {
				t.Errorf("%s: step %s covers %s, which is held, optional or already covered", profession, tr.Slug, s.Slug)
			}
			delete(uncovered, s.Slug)
		}
		for _, s := range step.AlsoTeaches {
			if cat.needs[profession][s.Slug] != enum.Optional || slices.Contains(have, s.Slug) || !teaches(tr, s.Slug) {
				t.Errorf("%s: step %s also teaches %s, which is no missing optional skill it teaches", profession, tr.Slug, s.Slug)
			}
		}
		if i > 0 && len(step.Covers) > len(p.Steps[i-1].Covers) {
			t.Errorf("%s: step %d covers more than step %d: not greedy", profession, i+1, i)
		}
		for _, list := range [][]*ent.Skill{step.Covers, step.AlsoTeaches} {
			if !slices.IsSortedFunc(list, func(a, b *ent.Skill) int { return strings.Compare(a.Name, b.Name) }) {
				t.Errorf("%s: skills %v are not sorted by name", profession, skillSlugs(list))
			}
		}
		checkNextSession(t, tr, step.NextSession, o)
		if tr.DurationHours != nil {
			hours += *tr.DurationHours
		} else {
			unknown++
		}
		if tr.PriceCents != nil && *tr.PriceCents > 0 {
			prices[*tr.PriceCurrency] += *tr.PriceCents
		}
	}
	var stillTaught []string
	for s := range uncovered {
		if taught[s] {
			stillTaught = append(stillTaught, s)
		}
	}
	if len(stillTaught) > 0 {
		t.Errorf("%s: %v are taught by eligible trainings but not covered", profession, stillTaught)
	}
	var wantUncovered []string
	for s := range uncovered {
		wantUncovered = append(wantUncovered, s)
	}
	if got := skillSlugs(p.Uncovered); !slices.Equal(sorted(got), sorted(wantUncovered)) {
		t.Errorf("%s: uncovered = %v, want %v (taught by no eligible training)", profession, got, sorted(wantUncovered))
	}
	if p.TotalHours != hours || p.StepsWithoutHours != unknown {
		t.Errorf("%s: %d hours (+%d unknown), want %d (+%d)", profession, p.TotalHours, p.StepsWithoutHours, hours, unknown)
	}
	if len(p.TotalPrice) != len(prices) {
		t.Errorf("%s: total price %v, want %v", profession, p.TotalPrice, prices)
	}
	for _, m := range p.TotalPrice {
		if prices[m.Currency] != m.Cents {
			t.Errorf("%s: total price %v, want %v", profession, p.TotalPrice, prices)
		}
	}
}

// checkNextSession checks a step's session: the earliest open one within the options, or none
// for a self-paced training.
func checkNextSession(t *testing.T, tr *ent.Training, s *ent.TrainingSession, o career.PathOptions) {
	t.Helper()
	qualifies := func(s *ent.TrainingSession) bool {
		return openAt(s, o.Now) && (o.StartBefore == nil || s.StartsAt.Before(*o.StartBefore))
	}
	if s == nil {
		if tr.Format != enum.SelfPaced {
			t.Errorf("%s is %s but has no next session", tr.Slug, tr.Format)
		}
		if slices.ContainsFunc(tr.Edges.Sessions, qualifies) {
			t.Errorf("%s has an open session, but none is given", tr.Slug)
		}
		return
	}
	if s.TrainingID != tr.ID || !qualifies(s) {
		t.Errorf("next session %s of %s (training %d, %s, starts %v, deadline %v) is not open at %v",
			s.Code, tr.Slug, s.TrainingID, s.Status, s.StartsAt, s.RegistrationDeadline, o.Now)
	}
	for _, other := range tr.Edges.Sessions {
		if qualifies(other) && other.StartsAt.Before(s.StartsAt) {
			t.Errorf("%s: session %s starts before the next session %s", tr.Slug, other.Code, s.Code)
		}
	}
}

// fewerHours reports whether a states fewer hours than b, an unknown duration counting as most.
func fewerHours(a, b *ent.Training) bool {
	switch {
	case a.DurationHours == nil:
		return false
	case b.DurationHours == nil:
		return true
	}
	return *a.DurationHours < *b.DurationHours
}

func stepSlugs(p *career.Path) []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Training.Slug
	}
	return out
}
