package synthetic_test

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent/profession"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
	"careergraph/internal/synthetic"
	"careergraph/internal/testing/testdb"
)

// small is a catalogue just large enough for every link to be distinct (see the package
// documentation): 20 skills per profession, from stretches of 60 out of 200.
var small = synthetic.Sizes{Professions: 30, Skills: 200, Needs: 600, Providers: 5, Trainings: 300, Sessions: 1000, Posts: 40}

func TestCatalogue(t *testing.T) {
	st := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	ctx := context.Background()
	now := time.Now()
	if err := synthetic.Catalogue(ctx, st.DB, small, now); err != nil {
		t.Fatal(err)
	}

	t.Run("HasTheRowsAsked", func(t *testing.T) {
		for table, want := range map[string]int{
			"professions": small.Professions, "skills": small.Skills, "profession_skills": small.Needs,
			"providers": small.Providers, "trainings": small.Trainings, "training_sessions": small.Sessions,
			"blog_posts": small.Posts, "blog_post_professions": small.Posts, "blog_post_skills": 2 * small.Posts,
		} {
			if got := count(t, st.DB, "SELECT count(*) FROM "+table); got != want {
				t.Errorf("%s: %d rows, want %d", table, got, want)
			}
		}
	})

	t.Run("LinksAreWithinTheirBounds", func(t *testing.T) {
		checks := []struct {
			what, query string
			args        []any
		}{
			{what: "trainings teaching fewer than 3 or more than 8 skills", query: `SELECT count(*) FROM trainings t
				WHERE (SELECT count(*) FROM training_skills s WHERE s.training_id = t.id) NOT BETWEEN 3 AND 8`},
			{what: "trainings preparing for fewer than 1 or more than 3 professions", query: `SELECT count(*) FROM trainings t
				WHERE (SELECT count(*) FROM training_professions p WHERE p.training_id = t.id) NOT BETWEEN 1 AND 3`},
			{what: "professions without an essential skill", query: `SELECT count(*) FROM professions p WHERE NOT EXISTS
				(SELECT 1 FROM profession_skills s WHERE s.profession_id = p.id AND s.importance = 'ESSENTIAL')`},
			{what: "sessions of self-paced trainings", query: `SELECT count(*) FROM training_sessions s
				JOIN trainings t ON t.id = s.training_id WHERE t.format = 'SELF_PACED'`},
			{what: "sessions both online and in a city, or neither", query: `SELECT count(*) FROM training_sessions
				WHERE online = (city IS NOT NULL)`},
			{what: "scheduled sessions in the past or more than a year ahead", query: `SELECT count(*) FROM training_sessions
				WHERE status = 'SCHEDULED' AND starts_at NOT BETWEEN $1 AND $1::timestamptz + interval '366 days'`, args: []any{now}},
		}
		for _, c := range checks {
			if n := count(t, st.DB, c.query, c.args...); n != 0 {
				t.Errorf("%d %s", n, c.what)
			}
		}
	})

	t.Run("EntReadsEveryRow", func(t *testing.T) {
		sys := access.AsSystem(ctx)
		slug := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
		ts, err := st.Client.Training.Query().WithSessions().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range ts {
			if err := errors.Join(training.LevelValidator(tr.Level), training.FormatValidator(tr.Format),
				training.StatusValidator(tr.Status)); err != nil || !slug.MatchString(tr.Slug) {
				t.Fatalf("training %s: %v", tr.Slug, err)
			}
			for _, s := range tr.Edges.Sessions {
				if err := trainingsession.StatusValidator(s.Status); err != nil {
					t.Fatalf("session %s: %v", s.Code, err)
				}
			}
		}
		ps, err := st.Client.Profession.Query().WithSkills().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if err := profession.StatusValidator(p.Status); err != nil || !slug.MatchString(p.Slug) {
				t.Fatalf("profession %s: %v", p.Slug, err)
			}
			for _, l := range p.Edges.Skills {
				if err := professionskill.ImportanceValidator(l.Importance); err != nil {
					t.Fatalf("profession %s: %v", p.Slug, err)
				}
			}
		}
		ss, err := st.Client.Skill.Query().All(sys)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			if err := skill.KindValidator(s.Kind); err != nil || s.Category == nil || skill.CategoryValidator(*s.Category) != nil {
				t.Fatalf("skill %s: %v, category %v", s.Slug, err, s.Category)
			}
		}
		if n, err := st.Client.Training.Query().Where(training.StatusEQ(enum.Published)).Count(ctx); err != nil || n == 0 || n == len(ts) {
			t.Errorf("%d published trainings of %d (%v): want most, not all", n, len(ts), err)
		}
	})

	t.Run("SecondCatalogueIsRefused", func(t *testing.T) {
		if err := synthetic.Catalogue(ctx, st.DB, small, now); !errors.Is(err, synthetic.ErrPresent) {
			t.Fatalf("got %v, want ErrPresent", err)
		}
		if got := count(t, st.DB, "SELECT count(*) FROM trainings"); got != small.Trainings {
			t.Errorf("%d trainings after the refusal, want %d", got, small.Trainings)
		}
	})
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return n
}
