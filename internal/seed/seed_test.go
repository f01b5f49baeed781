package seed_test

import (
	"context"
	"testing"
	"time"

	"careergraph/ent/glossaryterm"
	"careergraph/ent/profession"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
	"careergraph/internal/seed"
	"careergraph/internal/testing/testdb"
)

func TestDemoCatalogue(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		ctx := access.AsSystem(context.Background())
		s := testdb.Open(t, d, testdb.Options{Empty: true})
		now := time.Now()
		first, err := seed.Demo(ctx, s.Client, now)
		if err != nil {
			t.Fatal(err)
		}
		c := s.Client
		minimums := []struct {
			what string
			n    int
			min  int
		}{
			{"professions", c.Profession.Query().CountX(ctx), 12},
			{"skills", c.Skill.Query().CountX(ctx), 60},
			{"providers", c.Provider.Query().CountX(ctx), 2},
			{"trainings", c.Training.Query().CountX(ctx), 15},
			{"upcoming sessions", c.TrainingSession.Query().Where(trainingsession.StartsAtGT(now)).CountX(ctx), 30},
			{"blog posts", c.BlogPost.Query().CountX(ctx), 10},
			{"authors", c.Author.Query().CountX(ctx), 1},
			{"tags", c.Tag.Query().CountX(ctx), 1},
			{"glossary terms", c.GlossaryTerm.Query().CountX(ctx), 10},
			{"classroom sessions in Helsinki", c.TrainingSession.Query().Where(trainingsession.City("Helsinki"), trainingsession.Online(false)).CountX(ctx), 1},
			{"online sessions", c.TrainingSession.Query().Where(trainingsession.Online(true)).CountX(ctx), 1},
			{"providers in Helsinki", c.Provider.Query().Where(provider.City("Helsinki")).CountX(ctx), 1},
		}
		for _, m := range minimums {
			if m.n < m.min {
				t.Errorf("%d %s, want at least %d", m.n, m.what, m.min)
			}
		}
		for _, slug := range []string{"server", "database", "api", "authentication", "encryption"} {
			if !c.GlossaryTerm.Query().Where(glossaryterm.Slug(slug)).ExistX(ctx) {
				t.Errorf("no glossary term %q", slug)
			}
		}
		be := c.Profession.Query().Where(profession.Slug("back-end-developer")).OnlyX(ctx)
		if be.Title != "Back-End Developer" || *be.SalaryMin != 2500 || *be.SalaryMax != 15000 || *be.SalaryCurrency != "EUR" ||
			*be.SalaryPeriod != enum.Month || *be.TimeToLearnMinMonths != 12 || *be.TimeToLearnMaxMonths != 36 {
			t.Errorf("back-end-developer = %+v", be)
		}

		// Seeding again creates nothing and changes nothing.
		before := c.Profession.Query().Where(profession.Slug("back-end-developer")).OnlyX(ctx)
		second, err := seed.Demo(ctx, s.Client, now.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		for kind, n := range second.Created {
			if n != 0 {
				t.Errorf("second seeding created %d %s", n, kind)
			}
		}
		for kind, n := range first.Created {
			if second.Present[kind] != n {
				t.Errorf("second seeding found %d %s, the first created %d", second.Present[kind], kind, n)
			}
		}
		after := c.Profession.Query().Where(profession.Slug("back-end-developer")).OnlyX(ctx)
		if !after.UpdatedAt.Equal(before.UpdatedAt) || after.ID != before.ID {
			t.Errorf("second seeding touched back-end-developer: %v → %v", before.UpdatedAt, after.UpdatedAt)
		}
	})
}
