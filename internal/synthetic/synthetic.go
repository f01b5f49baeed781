// Package synthetic fills a migrated PostgreSQL database with a large, made-up catalogue, for
// benchmarks and load tests: professions with the skills they need, providers, trainings that
// teach those skills and prepare for those professions, and sessions over the coming year.
//
// # PostgreSQL only
//
// The rows are written by a few INSERT … SELECT generate_series statements per table, so that
// Large takes seconds where creating its rows one by one through ent would take many minutes.
// That SQL (generate_series, random(), data-modifying CTEs, temporary tables, VACUUM ANALYZE)
// is PostgreSQL's; there is no SQLite version. It bypasses ent: the columns are set the way
// ent's defaults and hooks would set them (created_by "system", version 1, slugs of the shape
// ent accepts), but no hook runs.
//
// # Shape
//
// Skills lie on a line of topics (ordinal n is about technology n/30); every profession and
// training covers a stretch of it, so that a profession's skills are taught by trainings near
// it, as in a real catalogue, and a learning path has real choices to make:
//
//   - a profession needs Needs/Professions skills (about 40 for Large) from a stretch three
//     times as long, about 40 % of them ESSENTIAL (always the first);
//   - a training teaches 3–8 skills from a stretch four times as long, and prepares for 1–3 of
//     the professions whose stretch holds it;
//   - one profession, skill and training in 20 is a DRAFT, the others PUBLISHED;
//   - providers are skewed (the first ones run many more trainings than the last);
//   - trainings: levels BEGINNER 40 %, INTERMEDIATE 40 %, ADVANCED 20 %; formats ONLINE 30 %,
//     CLASSROOM 30 %, HYBRID 15 %, SELF_PACED 25 %; languages en, fi, sv, de; 20 % free, the
//     others priced in EUR (100–6,000) or SEK (1,000–60,000), cheap ones commoner;
//   - sessions belong to trainings that are not self-paced: online for ONLINE trainings, in one
//     of 20 Nordic cities for CLASSROOM ones (Helsinki about a fifth, the last cities rare),
//     either for HYBRID ones; 91 % are SCHEDULED over the year after now, 4 % CANCELLED, 5 %
//     COMPLETED in the 90 days before now.
//
// Random choices come from a fixed seed, so the same sizes give the same catalogue (IDs aside).
// Links are distinct by construction as long as Skills is at least three times the skills per
// profession and at least 32, and Professions at least 18; in a smaller catalogue duplicates
// are dropped, so it has fewer links than asked.
package synthetic

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sizes are the number of rows to create, per table.
type Sizes struct {
	Professions int
	Skills      int
	// Needs is the number of profession–skill links (profession_skills), spread evenly over
	// the professions.
	Needs     int
	Providers int
	// Trainings each teach 3–8 skills and prepare for 1–3 professions.
	Trainings int
	// Sessions are spread at random over the trainings that are not self-paced.
	Sessions int
	// Posts are blog posts, by one author in 500 (at least one), in one category, each about
	// one profession and two skills.
	Posts int
}

// Large is the catalogue of docs/discovery-benchmark.md: a national catalogue's size.
var Large = Sizes{Professions: 3000, Skills: 14000, Needs: 120000, Providers: 50, Trainings: 20000, Sessions: 100000, Posts: 10000}

// ErrPresent means the database already holds a synthetic catalogue.
var ErrPresent = errors.New("the database already holds a synthetic catalogue")

// SlugPrefix starts the slug of every synthetic row ("synthetic-training-42"), which tells them
// apart from real content.
const SlugPrefix = "synthetic-"

// Catalogue adds a synthetic catalogue of the given sizes to db, a PostgreSQL database migrated
// to the current schema, with its sessions placed around now. It writes in one transaction, then
// vacuums and analyses the tables it wrote (so that the planner knows their sizes, as it would
// after autovacuum in production). It adds to what is there, but only once: when db already
// holds a synthetic catalogue it returns ErrPresent and changes nothing.
func Catalogue(ctx context.Context, db *sql.DB, sizes Sizes, now time.Time) error {
	if err := sizes.validate(); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("synthetic catalogue: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var present bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM providers WHERE slug LIKE $1)`, SlugPrefix+"%").Scan(&present); err != nil {
		return fmt.Errorf("synthetic catalogue: looking for an earlier one: %w", err)
	}
	if present {
		return ErrPresent
	}
	for _, s := range statements(sizes, now) {
		if _, err := tx.ExecContext(ctx, s.sql); err != nil {
			return fmt.Errorf("synthetic catalogue: %s: %w", s.what, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("synthetic catalogue: %w", err)
	}
	// VACUUM cannot run in a transaction. Besides statistics, it sets the visibility map, which
	// index-only scans need.
	if _, err := db.ExecContext(ctx, "VACUUM ANALYZE "+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("synthetic catalogue: analysing the tables: %w", err)
	}
	return nil
}

// tables are the tables Catalogue writes.
var tables = []string{"providers", "skills", "professions", "profession_skills", "trainings",
	"training_skills", "training_professions", "training_sessions", "authors", "blog_categories",
	"blog_posts", "blog_post_professions", "blog_post_skills",
	// Filled by the search triggers; the vacuum also merges their GIN indexes' pending lists.
	"search_documents", "search_texts", "search_terms"}

func (s Sizes) validate() error {
	switch {
	case s.Professions < 1, s.Skills < 1, s.Providers < 1:
		return fmt.Errorf("synthetic catalogue: need at least one profession, skill and provider, not %+v", s)
	case s.Needs < 0, s.Trainings < 0, s.Sessions < 0, s.Posts < 0:
		return fmt.Errorf("synthetic catalogue: negative size in %+v", s)
	}
	return nil
}

// Word lists. Technologies name the stretches of the skill line; cities and their time zones
// go together, the commonest first.
var (
	techs = []string{"Python", "JavaScript", "TypeScript", "Java", "Go", "Kotlin", "Swift", "Rust",
		"PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "Spark", "Airflow", "Docker", "Kubernetes",
		"Terraform", "Ansible", "Linux", "AWS", "Azure", "GCP", "GraphQL", "React", "Angular", "Vue",
		"Django", "Flask", "Spring", "Node", "Pandas", "TensorFlow", "PyTorch", "Figma", "Jira", "Git",
		"Jenkins", "Prometheus", "Grafana", "Elasticsearch", "Nginx", "OAuth", "Snowflake", "Tableau"}
	aspects = []string{"fundamentals", "operations", "administration", "performance tuning", "security",
		"testing", "architecture", "migration", "monitoring", "automation"}
	depths     = []string{"basics", "in practice", "in depth"}
	roles      = []string{"Developer", "Engineer", "Analyst", "Architect", "Designer", "Manager", "Administrator", "Specialist", "Consultant", "Scientist", "Tester"}
	seniority  = []string{"Junior", "Senior", "Lead", "Principal", "Associate", "Staff"}
	categories = []string{"PROGRAMMING_LANGUAGE", "FRAMEWORK", "DATABASE", "CLOUD", "DEVOPS", "TOOLING", "TESTING", "SECURITY", "DATA", "DESIGN", "PRACTICE", "DOMAIN"}
	firms      = []string{"Nordic", "Aurora", "Northern", "Polar", "Fjord", "Harbour", "Lakeside", "Birch", "Granite", "Baltic"}
	schools    = []string{"Academy", "Institute", "Code School", "Training", "Learning", "College", "Skills Centre"}
	cities     = []string{"Helsinki", "Stockholm", "Espoo", "Tampere", "Gothenburg", "Turku", "Oulu", "Malmö", "Uppsala", "Vantaa",
		"Jyväskylä", "Lahti", "Kuopio", "Västerås", "Örebro", "Linköping", "Pori", "Vaasa", "Umeå", "Lund"}
	countries = []string{"FI", "SE", "FI", "FI", "SE", "FI", "FI", "SE", "SE", "FI", "FI", "FI", "FI", "SE", "SE", "SE", "FI", "FI", "SE", "SE"}
	zones     = []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Helsinki", "Europe/Helsinki", "Europe/Stockholm", "Europe/Helsinki",
		"Europe/Helsinki", "Europe/Stockholm", "Europe/Stockholm", "Europe/Helsinki", "Europe/Helsinki", "Europe/Helsinki", "Europe/Helsinki",
		"Europe/Stockholm", "Europe/Stockholm", "Europe/Stockholm", "Europe/Helsinki", "Europe/Helsinki", "Europe/Stockholm", "Europe/Stockholm"}
)

// array writes words as a PostgreSQL text[] literal (package constants, never user input).
func array(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
	}
	return "ARRAY[" + strings.Join(q, ", ") + "]::text[]"
}

// at is the element of words at the integer SQL expression i, taken modulo the list's length.
func at(words []string, i string) string {
	return fmt.Sprintf("(%s)[1 + ((%s) %% %d)]", array(words), i, len(words))
}

// choice is a CASE over the SQL expression r, uniform in [0, 1), that yields values[i] with
// probability shares[i] (in percent, adding up to 100).
func choice(r string, values []string, shares []int) string {
	var b strings.Builder
	b.WriteString("CASE")
	sum := 0
	for i, v := range values[:len(values)-1] {
		sum += shares[i]
		fmt.Fprintf(&b, " WHEN %s < %g THEN %s", r, float64(sum)/100, v)
	}
	fmt.Fprintf(&b, " ELSE %s END", values[len(values)-1])
	return b.String()
}

// status makes one row in 20 a draft.
const status = `CASE WHEN g % 20 = 19 THEN 'DRAFT' ELSE 'PUBLISHED' END`

type statement struct{ what, sql string }

// statements are the SQL that builds the catalogue, in order. The temporary syn_* tables map
// the ordinal of each new row (the number in its slug) to its ID.
func statements(s Sizes, t time.Time) []statement {
	// now is a literal rather than a parameter: some statements are several commands in one,
	// which PostgreSQL runs only without parameters.
	now := "timestamptz '" + t.UTC().Format(time.RFC3339Nano) + "'"
	audit := fmt.Sprintf("%s, %s, 'system', 'system'", now, now)
	publishedAt := fmt.Sprintf("CASE WHEN g %% 20 = 19 THEN NULL ELSE %s END", now)
	// tech is the technology of position pos on the skill line.
	tech := func(pos string) string { return at(techs, fmt.Sprintf("(%s) / 30", pos)) }
	// mod keeps a possibly negative expression in [0, n).
	mod := func(e string, n int) string { return fmt.Sprintf("((((%s) %% %d) + %d) %% %d)", e, n, n, n) }
	slug := func(kind string) string { return fmt.Sprintf("'%s%s-' || g", SlugPrefix, kind) }
	ordinal := func(kind string) string {
		return fmt.Sprintf("substr(slug, %d)::int", len(SlugPrefix+kind+"-")+1)
	}
	// Each row's stretch of the skill line starts at its ordinal scaled to the line.
	trainingAt := fmt.Sprintf("(g::bigint * %d / %d)::int", s.Skills, max(s.Trainings, 1))
	professionAt := fmt.Sprintf("(g::bigint * %d / %d)::int", s.Skills, s.Professions)
	return []statement{
		{"seeding the random numbers", `SELECT setseed(0.42)`},
		{"creating the ordinal tables", `
CREATE TEMP TABLE syn_providers (n int PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE syn_skills (n int PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE syn_professions (n int PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE syn_trainings (n int PRIMARY KEY, id bigint NOT NULL, format text NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE syn_authors (n int PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE syn_posts (n int PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP`},

		{"creating providers", fmt.Sprintf(`
WITH ins AS (
  INSERT INTO providers (created_at, updated_at, created_by, updated_by, slug, name, description, website, city, country)
  SELECT %s, %s,
         %s || ' ' || %s || CASE WHEN g >= %d THEN ' ' || (g / %d + 1) ELSE '' END,
         'A synthetic training provider.', 'https://provider-' || g || '.example', %s, %s
  FROM generate_series(0, %d) AS g
  RETURNING id, slug)
INSERT INTO syn_providers (n, id) SELECT %s, id FROM ins`,
			audit, slug("provider"), at(firms, "g"), at(schools, "g / 10"), len(firms)*len(schools), len(firms)*len(schools),
			at(cities, "g"), at(countries, "g"), s.Providers-1, ordinal("provider"))},

		{"creating skills", fmt.Sprintf(`
WITH r AS MATERIALIZED (SELECT g, random() AS soft FROM generate_series(0, %d) AS g),
ins AS (
  INSERT INTO skills (created_at, updated_at, created_by, updated_by, slug, status, published_at, name, kind, category, description, alternative_labels)
  SELECT %s, %s, %s, %s, name, CASE WHEN soft < 0.15 THEN 'SOFT' ELSE 'HARD' END,
         CASE WHEN soft < 0.15 THEN 'INTERPERSONAL' ELSE %s END,
         'A synthetic skill: ' || name || '.', jsonb_build_array(lower(name))
  FROM (SELECT g, soft, %s || ' ' || %s || ' ' || %s || CASE WHEN g >= %d THEN ' (' || (g / %d + 1) || ')' ELSE '' END AS name FROM r) AS named
  RETURNING id, slug)
INSERT INTO syn_skills (n, id) SELECT %s, id FROM ins`,
			s.Skills-1, audit, slug("skill"), status, publishedAt, at(categories, "g / 30"),
			tech("g"), at(aspects, "g"), at(depths, "g / 10"), 30*len(techs), 30*len(techs), ordinal("skill"))},

		{"creating professions", fmt.Sprintf(`
WITH r AS MATERIALIZED (SELECT g, random() AS pay, random() AS spread FROM generate_series(0, %d) AS g),
ins AS (
  INSERT INTO professions (created_at, updated_at, created_by, updated_by, slug, status, published_at, title, summary, description,
                           alternative_titles, salary_min, salary_max, salary_currency, salary_period)
  SELECT %s, %s, %s, %s, title, 'A synthetic profession: ' || title || '.', 'A synthetic profession.',
         jsonb_build_array(%s || ' ' || %s),
         CASE WHEN pay < 0.7 THEN 2500 + floor(spread * 2500)::int END,
         CASE WHEN pay < 0.7 THEN 5000 + floor(spread * 5000)::int END,
         CASE WHEN pay < 0.5 THEN 'EUR' WHEN pay < 0.7 THEN 'SEK' END,
         CASE WHEN pay < 0.7 THEN 'MONTH' END
  FROM (SELECT g, pay, spread, %s || ' ' || %s || ' ' || %s AS title FROM r) AS named
  RETURNING id, slug)
INSERT INTO syn_professions (n, id) SELECT %s, id FROM ins`,
			s.Professions-1, audit, slug("profession"), status, publishedAt, tech(professionAt+" + 60"), at(roles, "g / 7"),
			at(seniority, "g"), tech(professionAt+" + 60"), at(roles, "g / 7"), ordinal("profession"))},

		{"creating trainings", fmt.Sprintf(`
WITH r AS MATERIALIZED (
  SELECT g, random() AS level, random() AS format, random() AS lang, random() AS price, random() AS amount,
         floor(power(random(), 1.5) * %d)::int AS provider
  FROM generate_series(0, %d) AS g),
ins AS (
  INSERT INTO trainings (created_at, updated_at, created_by, updated_by, slug, status, published_at, title, summary, description,
                         level, format, language, duration_hours, price_cents, price_currency, credential, provider_id)
  SELECT %s, %s, %s, %s, title, 'A synthetic training: ' || title || '.', 'A synthetic training.',
         %s, %s, %s,
         CASE WHEN random() < 0.1 THEN NULL ELSE 4 + floor(random() * 196)::int END,
         CASE WHEN price < 0.2 THEN NULL WHEN price < 0.75 THEN (100 + floor(power(amount, 2) * 5900)::int) * 100
              ELSE (1000 + floor(power(amount, 2) * 59000)::int) * 100 END,
         CASE WHEN price < 0.2 THEN NULL WHEN price < 0.75 THEN 'EUR' ELSE 'SEK' END,
         CASE WHEN random() < 0.5 THEN 'Certificate of completion' END,
         p.id
  FROM (SELECT r.*, %s || ' ' || %s || ' for ' || %s || 's' AS title FROM r) AS named
  JOIN syn_providers AS p ON p.n = named.provider
  RETURNING id, slug, format)
INSERT INTO syn_trainings (n, id, format) SELECT %s, id, format FROM ins`,
			s.Providers, s.Trainings-1, audit, slug("training"), status, publishedAt,
			choice("level", []string{"'BEGINNER'", "'INTERMEDIATE'", "'ADVANCED'"}, []int{40, 40, 20}),
			choice("format", []string{"'ONLINE'", "'CLASSROOM'", "'HYBRID'", "'SELF_PACED'"}, []int{30, 30, 15, 25}),
			choice("lang", []string{"'en'", "'fi'", "'sv'", "'de'"}, []int{55, 25, 15, 5}),
			tech(trainingAt), at(aspects, "g / 3"), at(roles, "g"), ordinal("training"))},

		// The join below must see how many rows each temporary table holds.
		{"analysing the ordinal tables", `ANALYZE syn_providers, syn_skills, syn_professions, syn_trainings`},

		{"linking professions to skills", fmt.Sprintf(`
WITH p AS (SELECT id, %s AS at, %d + (g < %d)::int AS needs FROM syn_professions AS x(g, id)),
links AS MATERIALIZED (
  SELECT p.id AS profession_id, (p.at + 3 * k + floor(random() * 3)::int) %% %d AS skill, k = 0 OR random() < 0.4 AS essential
  FROM p CROSS JOIN LATERAL generate_series(0, p.needs - 1) AS k)
INSERT INTO profession_skills (created_at, updated_at, created_by, updated_by, importance, profession_id, skill_id)
SELECT %s, CASE WHEN essential THEN 'ESSENTIAL' ELSE 'OPTIONAL' END, l.profession_id, s.id
FROM links AS l JOIN syn_skills AS s ON s.n = l.skill
ON CONFLICT (profession_id, skill_id) DO NOTHING`,
			professionAt, s.Needs/s.Professions, s.Needs%s.Professions, s.Skills, audit)},

		{"linking trainings to skills", fmt.Sprintf(`
WITH t AS MATERIALIZED (SELECT id, %s AS at, 3 + floor(random() * 6)::int AS teaches FROM syn_trainings AS x(g, id)),
links AS MATERIALIZED (
  SELECT t.id AS training_id, (t.at + 4 * k + floor(random() * 4)::int) %% %d AS skill
  FROM t CROSS JOIN LATERAL generate_series(0, t.teaches - 1) AS k)
INSERT INTO training_skills (training_id, skill_id)
SELECT l.training_id, s.id FROM links AS l JOIN syn_skills AS s ON s.n = l.skill
ON CONFLICT DO NOTHING`, trainingAt, s.Skills)},

		// A training's stretch lies within the stretches of the professions that start up to
		// 88 skills before it: those are the ones it prepares for.
		{"linking trainings to professions", fmt.Sprintf(`
WITH t AS MATERIALIZED (SELECT id, (%s)::bigint * %d / %d AS near, 1 + floor(random() * 3)::int AS serves FROM syn_trainings AS x(g, id)),
links AS MATERIALIZED (
  SELECT t.id AS training_id, %s AS profession
  FROM t CROSS JOIN LATERAL generate_series(0, t.serves - 1) AS k)
INSERT INTO training_professions (training_id, profession_id)
SELECT l.training_id, p.id FROM links AS l JOIN syn_professions AS p ON p.n = l.profession
ON CONFLICT DO NOTHING`, trainingAt, s.Professions, s.Skills, mod("t.near - 6 * k - floor(random() * 6)::int", s.Professions))},

		{"scheduling sessions", fmt.Sprintf(`
WITH sessioned AS (
  SELECT row_number() OVER (ORDER BY n) - 1 AS m, id, format FROM syn_trainings WHERE format <> 'SELF_PACED'),
r AS MATERIALIZED (
  SELECT g, floor(random() * (SELECT count(*) FROM sessioned))::int AS m, random() AS state, random() AS venue,
         1 + floor(power(random(), 2) * %d)::int AS city, 10 + floor(random() * 31)::int AS capacity,
         random() AS seats, random() AS deadline, floor(random() * 4)::int AS days
  FROM generate_series(0, %d) AS g),
s AS MATERIALIZED (
  SELECT r.*, t.id AS training_id,
         t.format = 'ONLINE' OR t.format = 'HYBRID' AND venue < 0.5 AS online,
         CASE WHEN state < 0.05 THEN date_trunc('hour', %s) - (1 + floor(state * 1800)::int) * interval '1 day'
              ELSE date_trunc('hour', %s) + interval '1 hour' + floor(random() * 365 * 24) * interval '1 hour' END AS starts_at
  FROM r JOIN sessioned AS t USING (m))
INSERT INTO training_sessions (created_at, updated_at, created_by, updated_by, code, starts_at, ends_at, time_zone, online, city, venue,
                               capacity, seats_left, status, registration_deadline, training_id)
SELECT %s, %s || g, starts_at, starts_at + days * interval '1 day' + interval '8 hours',
       CASE WHEN online THEN 'Europe/Helsinki' ELSE (%s)[city] END, online,
       CASE WHEN NOT online THEN (%s)[city] END,
       CASE WHEN NOT online THEN (%s)[city] || ' Learning Centre' END,
       capacity, floor(seats * (capacity + 1))::int,
       CASE WHEN state < 0.05 THEN 'COMPLETED' WHEN state < 0.09 THEN 'CANCELLED' ELSE 'SCHEDULED' END,
       CASE WHEN deadline < 0.5 THEN starts_at - interval '7 days' END,
       training_id
FROM s`, len(cities), s.Sessions-1, now, now, audit, "'"+SlugPrefix+"'", array(zones), array(cities), array(cities))},

		{"creating authors", fmt.Sprintf(`
WITH ins AS (
  INSERT INTO authors (created_at, updated_at, created_by, updated_by, slug, name, bio)
  SELECT %s, %s, 'Synthetic Author ' || (g + 1), 'A synthetic author.'
  FROM generate_series(0, %d) AS g
  RETURNING id, slug)
INSERT INTO syn_authors (n, id) SELECT %s, id FROM ins`, audit, slug("author"), max(s.Posts/500, 1)-1, ordinal("author"))},

		{"writing blog posts", fmt.Sprintf(`
WITH cat AS (
  INSERT INTO blog_categories (created_at, updated_at, created_by, updated_by, slug, name, description)
  VALUES (%s, '%scategory-0', 'Synthetic posts', 'Posts of the synthetic catalogue.')
  RETURNING id),
r AS MATERIALIZED (SELECT g, floor(random() * %d)::int AS author, floor(random() * 365)::int AS age FROM generate_series(0, %d) AS g),
ins AS (
  INSERT INTO blog_posts (created_at, updated_at, created_by, updated_by, slug, status, published_at, title, excerpt, body, author_id, category_id)
  SELECT %s, %s, %s, CASE WHEN g %% 20 = 19 THEN NULL ELSE %s - age * interval '1 day' END,
         title, 'A synthetic post: ' || title || '.', 'A synthetic post about ' || title || '.', a.id, (SELECT id FROM cat)
  FROM (SELECT r.*, %s || ' ' || %s || ': notes from practice, part ' || (g + 1) AS title FROM r) AS named
  JOIN syn_authors AS a ON a.n = named.author
  RETURNING id, slug)
INSERT INTO syn_posts (n, id) SELECT %s, id FROM ins`,
			audit, SlugPrefix, max(s.Posts/500, 1), s.Posts-1, audit, slug("post"), status, now,
			tech("g * 7"), at(aspects, "g"), ordinal("post"))},

		{"linking posts to professions and skills", fmt.Sprintf(`
INSERT INTO blog_post_professions (blog_post_id, profession_id)
SELECT p.id, pr.id FROM syn_posts AS p JOIN syn_professions AS pr ON pr.n = (p.n::bigint * 7) %% %d;
INSERT INTO blog_post_skills (blog_post_id, skill_id)
SELECT p.id, s.id FROM syn_posts AS p CROSS JOIN generate_series(0, 1) AS k
JOIN syn_skills AS s ON s.n = (p.n::bigint * 13 + k * 101) %% %d
ON CONFLICT DO NOTHING`, s.Professions, s.Skills)},
	}
}
