package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"careergraph/internal/search"
)

// SQLPath answers the workloads without GraphQL and without ent, as cheaply as the same answer
// can be had from PostgreSQL: the very JSON document of the GraphQL response ({"data": …}), for
// the same anonymous reader (published rows only), over HTTP like the API. It is the limit the
// API is measured against.
//
// Pages (a) and (b) are one prepared statement each, in which PostgreSQL builds the whole JSON
// document; the handler copies it to the response. Search (c) ranks with internal/search, the SQL
// the API's search runs (it is hand-written already and there is no simpler query that returns
// the same hits), then reads the hits' slugs in one prepared statement.
type SQLPath struct {
	search *search.Searcher
	// The prepared statements: the profession page, the first page of professions, a page after
	// a keyset, and the slugs of a search's hits.
	profession, firstPage, pageAfter, slugs *sql.Stmt
}

// startsAt writes a session's start as Go's time.RFC3339Nano does, in the session's time zone as
// lib/pq reads it (and so as the API writes it): fractions without trailing zeros, Z for UTC.
// In UTC it edits the timestamp's text (lib/pq sets the ISO DateStyle), a third of the cost of
// to_char.
const startsAt = `CASE WHEN extract(timezone FROM s.starts_at) = 0
	THEN overlay((s.starts_at AT TIME ZONE 'UTC')::text PLACING 'T' FROM 11 FOR 1) || 'Z'
	ELSE to_char(s.starts_at, 'YYYY-MM-DD"T"HH24:MI:SS') || rtrim(rtrim(to_char(s.starts_at, '.US'), '0'), '.')
		|| to_char(s.starts_at, 'TZH:TZM') END`

// professionQuery is workload (a): $1 the slug, $2 the time from which sessions are upcoming.
// Each list is a LIMITed subquery in its order, aggregated in that order; skills in name order
// from the links' own (profession_id, skill_name, id) index, as the API reads them.
const professionQuery = `SELECT json_build_object('profession', (
  SELECT json_build_object('slug', p.slug, 'title', p.title, 'summary', p.summary,
    'skills', json_build_object('edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('importance', x.importance,
          'skill', json_build_object('slug', x.slug, 'name', x.name, 'kind', x.kind, 'category', x.category)))
        ORDER BY x.name, x.id)
      FROM (SELECT ps.id, ps.importance, s.slug, s.name, s.kind, s.category
        FROM profession_skills ps JOIN skills s ON s.id = ps.skill_id
        WHERE ps.profession_id = p.id AND s.status = 'PUBLISHED'
        ORDER BY ps.skill_name, ps.id LIMIT 100) AS x), '[]')),
    'trainings', json_build_object('edges', coalesce((
      SELECT json_agg(json_build_object('node', json_build_object('slug', t.slug, 'title', t.title,
          'level', t.level, 'format', t.format,
          'price', CASE WHEN t.price_cents IS NOT NULL AND t.price_currency IS NOT NULL
            THEN json_build_object('amountCents', t.price_cents, 'currency', t.price_currency) END,
          'sessions', json_build_object('edges', coalesce((
            SELECT json_agg(json_build_object('node', json_build_object('startsAt', ` + startsAt + `,
                'city', s.city, 'seatsLeft', s.seats_left)) ORDER BY s.starts_at, s.id)
            FROM (SELECT id, starts_at, city, seats_left FROM training_sessions
              WHERE training_id = t.id AND status = 'SCHEDULED' AND starts_at >= $2
              ORDER BY starts_at, id LIMIT 100) AS s), '[]'))))
        ORDER BY t.title, t.id)
      FROM (SELECT t.id, t.slug, t.title, t.level, t.format, t.price_cents, t.price_currency
        FROM training_professions tp JOIN trainings t ON t.id = tp.training_id
        WHERE tp.profession_id = p.id AND t.status = 'PUBLISHED'
        ORDER BY t.title, t.id LIMIT 100) AS t), '[]')))
  FROM professions p WHERE p.slug = $1 AND p.status = 'PUBLISHED'))`

// professionsQuery is workload (b): $1 the page size; {keyset} is where the page starts. It
// reads one profession more than the page to tell whether another page follows, and skips that
// one's skills.
const professionsQuery = `SELECT json_build_object('professions', json_build_object(
    'pageInfo', json_build_object('hasNextPage', count(*) > $1),
    'edges', coalesce(json_agg(json_build_object('node', json_build_object('slug', p.slug, 'title', p.title,
        'summary', p.summary, 'skills', json_build_object('edges', k.edges))) ORDER BY p.n) FILTER (WHERE p.n <= $1), '[]')))
FROM (SELECT id, slug, title, summary, row_number() OVER (ORDER BY title, id) AS n FROM professions
  WHERE status = 'PUBLISHED' AND {keyset} ORDER BY title, id LIMIT $1 + 1) AS p
CROSS JOIN LATERAL (
  SELECT coalesce(json_agg(json_build_object('node', json_build_object('importance', x.importance,
      'skill', json_build_object('slug', x.slug, 'name', x.name))) ORDER BY x.name, x.id), '[]') AS edges
  FROM (SELECT ps.id, ps.importance, s.slug, s.name
    FROM profession_skills ps JOIN skills s ON s.id = ps.skill_id
    WHERE ps.profession_id = p.id AND s.status = 'PUBLISHED' AND p.n <= $1
    ORDER BY ps.skill_name, ps.id LIMIT 10) AS x) AS k`

// slugsQuery reads the slugs of a search's hits, $1 to $5 the IDs of each kind as in hitKinds.
const slugsQuery = `SELECT id, slug FROM professions WHERE id = ANY($1)
UNION ALL SELECT id, slug FROM skills WHERE id = ANY($2)
UNION ALL SELECT id, slug FROM trainings WHERE id = ANY($3)
UNION ALL SELECT id, slug FROM blog_posts WHERE id = ANY($4)
UNION ALL SELECT id, slug FROM glossary_terms WHERE id = ANY($5)`

// hitKinds are the kinds of search hits in the order of slugsQuery's arguments, with their
// GraphQL type names.
var hitKinds = []struct {
	typ  search.Type
	name string
}{
	{search.Profession, "Profession"},
	{search.Skill, "Skill"},
	{search.Training, "Training"},
	{search.BlogPost, "BlogPost"},
	{search.GlossaryTerm, "GlossaryTerm"},
}

// NewSQLPath prepares the statements of the direct-SQL path on db, once: database/sql prepares
// each again on every connection of the pool the first time it runs there, then reuses it.
func NewSQLPath(ctx context.Context, db *sql.DB) (*SQLPath, error) {
	h := &SQLPath{search: search.New(db, dialect.Postgres)}
	for _, s := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&h.profession, professionQuery},
		{&h.firstPage, strings.Replace(professionsQuery, "{keyset}", "true", 1)},
		{&h.pageAfter, strings.Replace(professionsQuery, "{keyset}", "(title, id) > ($2, $3)", 1)},
		{&h.slugs, slugsQuery},
	} {
		var err error
		if *s.stmt, err = db.PrepareContext(ctx, s.query); err != nil {
			h.Close()
			return nil, fmt.Errorf("preparing the direct-SQL statements: %w", err)
		}
	}
	return h, nil
}

// Close releases the prepared statements.
func (h *SQLPath) Close() error {
	var errs []error
	for _, s := range []*sql.Stmt{h.profession, h.firstPage, h.pageAfter, h.slugs} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// Handler serves the workloads: GET /profession, /professions and /search.
func (h *SQLPath) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /profession", h.document(h.professionPage))
	mux.HandleFunc("GET /professions", h.document(h.professions))
	mux.HandleFunc("GET /search", h.searchPage)
	return mux
}

// professionPage is workload (a): one statement.
func (h *SQLPath) professionPage(ctx context.Context, r *http.Request) (*sql.Row, error) {
	now, err := time.Parse(time.RFC3339Nano, r.URL.Query().Get("now"))
	if err != nil {
		return nil, err
	}
	return h.profession.QueryRowContext(ctx, r.URL.Query().Get("slug"), now), nil
}

// professions is workload (b): one statement, whatever the page size.
func (h *SQLPath) professions(ctx context.Context, r *http.Request) (*sql.Row, error) {
	q := r.URL.Query()
	first, err := strconv.Atoi(q.Get("first"))
	if err != nil || first < 1 {
		return nil, errors.New("first must be a positive number")
	}
	if !q.Has("afterID") {
		return h.firstPage.QueryRowContext(ctx, first), nil
	}
	id, err := strconv.ParseInt(q.Get("afterID"), 10, 64)
	if err != nil {
		return nil, err
	}
	return h.pageAfter.QueryRowContext(ctx, first, q.Get("afterTitle"), id), nil
}

// document answers {"data": …} with the JSON document the statement of read returns, or a 500
// with the error.
func (h *SQLPath) document(read func(context.Context, *http.Request) (*sql.Row, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var data []byte
		row, err := read(r.Context(), r)
		if err == nil {
			err = row.Scan(&data)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)+len(`{"data":}`)))
		_, _ = w.Write([]byte(`{"data":`))
		_, _ = w.Write(data)
		_, _ = w.Write([]byte(`}`))
	}
}

type hit struct {
	Score   float64 `json:"score"`
	Snippet string  `json:"snippet"`
	Node    struct {
		Typename string `json:"__typename"`
		Slug     string `json:"slug"`
		Title    string `json:"title"`
	} `json:"node"`
}

// searchPage is workload (c): the search's own statements, then one for the hits' slugs.
func (h *SQLPath) searchPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page, err := h.search.Search(ctx, search.Query{Text: r.URL.Query().Get("query"), First: 20})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ids := make([][]int64, len(hitKinds))
	names := map[search.Type]string{}
	for i, k := range hitKinds {
		names[k.typ] = k.name
		for _, x := range page.Hits {
			if x.Type == k.typ {
				ids[i] = append(ids[i], int64(x.ID))
			}
		}
	}
	slugs := map[int64]string{}
	if len(page.Hits) > 0 {
		args := make([]any, len(ids))
		for i := range ids {
			args[i] = pq.Array(ids[i])
		}
		err = each(h.slugs.QueryContext(ctx, args...))(func(rows *sql.Rows) error {
			var id int64
			var slug string
			if err := rows.Scan(&id, &slug); err != nil {
				return err
			}
			slugs[id] = slug
			return nil
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	out := make([]hit, len(page.Hits))
	for i, x := range page.Hits {
		out[i].Score, out[i].Snippet = x.Score, x.Snippet
		out[i].Node.Typename, out[i].Node.Slug, out[i].Node.Title = names[x.Type], slugs[int64(x.ID)], x.Title
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{
		"search": map[string]any{"totalCount": page.TotalCount, "totalCountIsLowerBound": page.TotalCountIsLowerBound, "edges": out},
	}})
}

// each calls scan for each row of a query's result.
func each(rows *sql.Rows, err error) func(scan func(*sql.Rows) error) error {
	return func(scan func(*sql.Rows) error) error {
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
}
