package search

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// Word lists of the synthetic catalogue. Words are drawn with a skew towards the front of each
// list (see pick), so common words are common and technologies rare, as in real texts.
var (
	synFiller = []string{"the", "and", "to", "of", "a", "in", "for", "with", "on", "is", "you", "your",
		"how", "what", "teams", "work", "build", "learn", "skills", "practice", "projects", "systems",
		"data", "software", "tools", "career", "people", "production", "services", "design", "code",
		"users", "business", "quality", "process", "support", "time", "first", "new", "real", "use",
		"make", "role", "company", "network", "problems", "change", "review", "plan", "deliver",
		"customers", "platform", "secure", "scale", "reliable", "modern", "open", "source", "cloud",
		"testing", "automation", "performance", "monitoring", "architecture", "documentation",
		"requirements", "interfaces", "deployment", "infrastructure", "analysis", "reporting",
		"communication", "leadership", "mentoring", "stakeholders", "budget", "roadmap", "incidents",
		"pipelines", "databases", "queries", "models", "dashboards", "experiments", "prototypes"}
	synTech = []string{"Python", "JavaScript", "TypeScript", "Java", "Go", "Kotlin", "Swift", "Rust",
		"PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "Spark", "Airflow", "Docker", "Kubernetes",
		"Terraform", "Ansible", "Linux", "AWS", "Azure", "GCP", "GraphQL", "React", "Angular", "Vue",
		"Django", "Flask", "Spring", "Node", "Pandas", "TensorFlow", "PyTorch", "Figma", "Jira", "Git",
		"Jenkins", "Prometheus", "Grafana", "Elasticsearch", "Nginx", "OAuth", "Snowflake", "Tableau"}
	synRoles   = []string{"Developer", "Engineer", "Analyst", "Architect", "Designer", "Manager", "Administrator", "Specialist", "Consultant", "Scientist", "Tester"}
	synLevels  = []string{"Junior", "Senior", "Lead", "Principal", "Associate", "Staff"}
	synAspects = []string{"fundamentals", "operations", "administration", "performance tuning", "security", "testing", "architecture", "migration", "monitoring", "automation"}
)

// sqlArray writes words as a PostgreSQL text[] literal for the generator's SQL (test-owned
// constants, never user input).
func sqlArray(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
	}
	return "ARRAY[" + strings.Join(q, ", ") + "]"
}

// loadSynthetic adds about rows searchable rows to a PostgreSQL catalogue, spread over the five
// types like a real catalogue (blog posts and skills most), with INSERT … SELECT generate_series,
// then vacuums and analyses the tables, the search documents the triggers wrote among them. One in
// ten rows is a draft.
func loadSynthetic(tb testing.TB, db *sql.DB, rows int) {
	tb.Helper()
	ctx := context.Background()
	began := time.Now()
	// pick(list, skew) draws a word, skewed towards the list's start. In text, i keeps string_agg
	// an aggregate of the subquery, and g makes PostgreSQL run the subquery anew for every row.
	pick := func(list string, skew float64) string {
		return fmt.Sprintf("(%s)[1 + floor(power(random(), %g) * array_length(%s, 1))::int]", list, skew, list)
	}
	text := func(n int) string {
		return fmt.Sprintf(`(SELECT string_agg(CASE WHEN i > 0 AND random() < 0.05 THEN lower(%s) ELSE %s END, ' ') FROM generate_series(1, %d) AS i WHERE g > 0)`,
			pick("tech", 1), pick("filler", 2), n)
	}
	status := `CASE WHEN g % 10 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END`
	with := "WITH w AS (SELECT " + sqlArray(synFiller) + " AS filler, " + sqlArray(synTech) + " AS tech, " +
		sqlArray(synRoles) + " AS roles, " + sqlArray(synLevels) + " AS levels, " + sqlArray(synAspects) + " AS aspects) "
	share := func(f float64) int { return max(1, int(float64(rows)*f)) }
	stmts := []string{
		"SELECT setseed(0.42)",
		with + fmt.Sprintf(`INSERT INTO professions (created_at, updated_at, slug, status, title, summary, description, alternative_titles)
		SELECT now(), now(), 'syn-profession-' || g, %s, %s || ' ' || %s || ' ' || %s, %s, %s,
		       jsonb_build_array(%s || ' ' || %s, %s || ' Expert')
		FROM w, generate_series(1, %d) AS g`,
			status, pick("levels", 1), pick("tech", 1), pick("roles", 1), text(20), text(80), pick("tech", 1), pick("roles", 1), pick("tech", 1), share(0.15)),
		with + fmt.Sprintf(`INSERT INTO skills (created_at, updated_at, slug, status, name, description, alternative_labels)
		SELECT now(), now(), 'syn-skill-' || g, %s, %s || ' ' || %s, %s, jsonb_build_array(lower(%s) || ' ' || %s)
		FROM w, generate_series(1, %d) AS g`,
			status, pick("tech", 1), pick("aspects", 1), text(30), pick("tech", 1), pick("aspects", 1), share(0.25)),
		with + fmt.Sprintf(`INSERT INTO trainings (created_at, updated_at, slug, status, title, summary, description, level, format, provider_id)
		SELECT now(), now(), 'syn-training-' || g, %s, %s || ' for ' || %s || 's', %s, %s,
		       (ARRAY['BEGINNER', 'INTERMEDIATE', 'ADVANCED'])[1 + g %% 3], (ARRAY['ONLINE', 'CLASSROOM', 'HYBRID', 'SELF_PACED'])[1 + g %% 4],
		       (SELECT min(id) FROM providers)
		FROM w, generate_series(1, %d) AS g`,
			status, pick("tech", 1), pick("roles", 1), text(20), text(120), share(0.20)),
		with + fmt.Sprintf(`INSERT INTO blog_posts (created_at, updated_at, slug, status, title, excerpt, body)
		SELECT now(), now(), 'syn-post-' || g, %s, 'How to ' || %s || ' ' || %s || ' as a ' || %s, %s, %s
		FROM w, generate_series(1, %d) AS g`,
			status, pick("filler", 2), pick("tech", 1), pick("roles", 1), text(25), text(300), share(0.25)),
		with + fmt.Sprintf(`INSERT INTO glossary_terms (created_at, updated_at, slug, status, term, definition)
		SELECT now(), now(), 'syn-term-' || g, %s, %s || ' ' || %s, %s
		FROM w, generate_series(1, %d) AS g`,
			status, pick("tech", 1), pick("filler", 1), text(40), share(0.15)),
		"VACUUM ANALYZE professions, skills, trainings, blog_posts, glossary_terms, search_documents, search_texts, search_terms",
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			tb.Fatalf("loading the synthetic catalogue: %v\n%s", err, s)
		}
	}
	tb.Logf("loaded %d synthetic rows in %s", rows, time.Since(began).Round(time.Millisecond))
}

// loadSyntheticSQLite adds about rows searchable rows to a SQLite catalogue with the shape
// loadSynthetic gives PostgreSQL: the same word lists, skews, shares per type and one draft in
// ten, drawn in Go from a fixed seed (SQLite's random() takes none), inserted in one
// transaction so that the search triggers index every row as the API's writes would.
func loadSyntheticSQLite(tb testing.TB, db *sql.DB, rows int) {
	tb.Helper()
	ctx := context.Background()
	began := time.Now()
	rnd := rand.New(rand.NewPCG(42, 42))
	pick := func(list []string, skew float64) string {
		return list[int(math.Pow(rnd.Float64(), skew)*float64(len(list)))]
	}
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			if i > 0 && rnd.Float64() < 0.05 {
				w[i] = strings.ToLower(pick(synTech, 1))
			} else {
				w[i] = pick(synFiller, 2)
			}
		}
		return strings.Join(w, " ")
	}
	share := func(f float64) int { return max(1, int(float64(rows)*f)) }
	status := func(g int) string {
		if g%10 == 0 {
			return "DRAFT"
		}
		return "PUBLISHED"
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // After Commit, or to abandon a failed load.
	var provider int
	if err := tx.QueryRowContext(ctx, "SELECT min(id) FROM providers").Scan(&provider); err != nil {
		tb.Fatalf("loading the synthetic catalogue: %v", err)
	}
	now := time.Now().UTC()
	insert := func(table string, n int, columns string, values func(g int) []any) {
		marks := strings.TrimSuffix(strings.Repeat("?, ", strings.Count(columns, ",")+1), ", ")
		stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+table+" (created_at, updated_at, slug, status, "+columns+") VALUES (?, ?, ?, ?, "+marks+")")
		if err != nil {
			tb.Fatalf("loading the synthetic catalogue: %v", err)
		}
		defer stmt.Close()
		for g := 1; g <= n; g++ {
			args := append([]any{now, now, fmt.Sprintf("syn-%s-%d", table, g), status(g)}, values(g)...)
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				tb.Fatalf("loading the synthetic catalogue: %v", err)
			}
		}
	}
	levels, formats := []string{"BEGINNER", "INTERMEDIATE", "ADVANCED"}, []string{"ONLINE", "CLASSROOM", "HYBRID", "SELF_PACED"}
	insert("professions", share(0.15), "title, summary, description, alternative_titles", func(int) []any {
		title := pick(synLevels, 1) + " " + pick(synTech, 1) + " " + pick(synRoles, 1)
		summary, description := text(20), text(80)
		alt := fmt.Sprintf(`[%q, %q]`, pick(synTech, 1)+" "+pick(synRoles, 1), pick(synTech, 1)+" Expert")
		return []any{title, summary, description, alt}
	})
	insert("skills", share(0.25), "name, description, alternative_labels", func(int) []any {
		name := pick(synTech, 1) + " " + pick(synAspects, 1)
		description := text(30)
		return []any{name, description, fmt.Sprintf(`[%q]`, strings.ToLower(pick(synTech, 1))+" "+pick(synAspects, 1))}
	})
	insert("trainings", share(0.20), "title, summary, description, level, format, provider_id", func(g int) []any {
		title := pick(synTech, 1) + " for " + pick(synRoles, 1) + "s"
		summary, description := text(20), text(120)
		return []any{title, summary, description, levels[g%3], formats[g%4], provider}
	})
	insert("blog_posts", share(0.25), "title, excerpt, body", func(int) []any {
		title := "How to " + pick(synFiller, 2) + " " + pick(synTech, 1) + " as a " + pick(synRoles, 1)
		excerpt, body := text(25), text(300)
		return []any{title, excerpt, body}
	})
	insert("glossary_terms", share(0.15), "term, definition", func(int) []any {
		term := pick(synTech, 1) + " " + pick(synFiller, 1)
		return []any{term, text(40)}
	})
	if err := tx.Commit(); err != nil {
		tb.Fatalf("loading the synthetic catalogue: %v", err)
	}
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		tb.Fatalf("analysing the synthetic catalogue: %v", err)
	}
	tb.Logf("loaded %d synthetic rows in %s", rows, time.Since(began).Round(time.Millisecond))
}
