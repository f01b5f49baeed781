package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"careergraph/internal/search"
)

// SQLHandler answers the workloads without GraphQL and without ent: hand-written SQL through
// database/sql, encoded with encoding/json in the very shape of the GraphQL response ({"data":
// …}), for the same anonymous reader (published rows only). Served over HTTP like the API, it
// pays for HTTP and JSON as the API does, so that comparing the two measures what GraphQL and
// ent add.
//
// Search ranks with internal/search, the same SQL the API's search runs: that SQL is already
// hand-written, and there is no simpler query that returns the same hits.
func SQLHandler(db *sql.DB) http.Handler {
	h := &sqlPath{db: db, search: search.New(db, dialect.Postgres)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /profession", h.serve(h.profession))
	mux.HandleFunc("GET /professions", h.serve(h.professions))
	mux.HandleFunc("GET /search", h.serve(h.searchPage))
	return mux
}

type sqlPath struct {
	db     *sql.DB
	search *search.Searcher
}

type edges[T any] struct {
	Edges []edge[T] `json:"edges"`
}

type edge[T any] struct {
	Node T `json:"node"`
}

type professionPage struct {
	Slug      string                              `json:"slug"`
	Title     string                              `json:"title"`
	Summary   string                              `json:"summary"`
	Skills    edges[professionSkill[skillDetail]] `json:"skills"`
	Trainings edges[trainingWithSessions]         `json:"trainings"`
}

type professionSkill[S any] struct {
	Importance string `json:"importance"`
	Skill      S      `json:"skill"`
}

type skill struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type skillDetail struct {
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	Kind     string  `json:"kind"`
	Category *string `json:"category"`
}

type trainingWithSessions struct {
	id       int64
	Slug     string         `json:"slug"`
	Title    string         `json:"title"`
	Level    string         `json:"level"`
	Format   string         `json:"format"`
	Price    *money         `json:"price"`
	Sessions edges[session] `json:"sessions"`
}

type money struct {
	AmountCents int64  `json:"amountCents"`
	Currency    string `json:"currency"`
}

type session struct {
	StartsAt  time.Time `json:"startsAt"`
	City      *string   `json:"city"`
	SeatsLeft int       `json:"seatsLeft"`
}

// profession is workload (a): four statements, whatever the number of trainings.
func (h *sqlPath) profession(ctx context.Context, r *http.Request) (any, error) {
	now, err := time.Parse(time.RFC3339Nano, r.URL.Query().Get("now"))
	if err != nil {
		return nil, err
	}
	var (
		id int64
		p  professionPage
	)
	err = h.db.QueryRowContext(ctx, `SELECT id, slug, title, summary FROM professions WHERE slug = $1 AND status = 'PUBLISHED'`,
		r.URL.Query().Get("slug")).Scan(&id, &p.Slug, &p.Title, &p.Summary)
	if errors.Is(err, sql.ErrNoRows) {
		return map[string]any{"profession": nil}, nil
	}
	if err != nil {
		return nil, err
	}
	p.Skills.Edges = []edge[professionSkill[skillDetail]]{}
	err = each(ctx, h.db, `SELECT ps.importance, s.slug, s.name, s.kind, s.category
		FROM profession_skills ps JOIN skills s ON s.id = ps.skill_id
		WHERE ps.profession_id = $1 AND s.status = 'PUBLISHED'
		ORDER BY s.name, ps.id LIMIT 100`, []any{id}, func(rows *sql.Rows) error {
		var ps professionSkill[skillDetail]
		if err := rows.Scan(&ps.Importance, &ps.Skill.Slug, &ps.Skill.Name, &ps.Skill.Kind, &ps.Skill.Category); err != nil {
			return err
		}
		p.Skills.Edges = append(p.Skills.Edges, edge[professionSkill[skillDetail]]{ps})
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.Trainings.Edges = []edge[trainingWithSessions]{}
	byID := map[int64]*trainingWithSessions{}
	var ids []int64
	err = each(ctx, h.db, `SELECT t.id, t.slug, t.title, t.level, t.format, t.price_cents, t.price_currency
		FROM training_professions tp JOIN trainings t ON t.id = tp.training_id
		WHERE tp.profession_id = $1 AND t.status = 'PUBLISHED'
		ORDER BY t.title, t.id LIMIT 100`, []any{id}, func(rows *sql.Rows) error {
		var t trainingWithSessions
		var cents sql.NullInt64
		var currency sql.NullString
		if err := rows.Scan(&t.id, &t.Slug, &t.Title, &t.Level, &t.Format, &cents, &currency); err != nil {
			return err
		}
		if cents.Valid && currency.Valid {
			t.Price = &money{cents.Int64, currency.String}
		}
		t.Sessions.Edges = []edge[session]{}
		p.Trainings.Edges = append(p.Trainings.Edges, edge[trainingWithSessions]{t})
		ids = append(ids, t.id)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range p.Trainings.Edges {
		byID[p.Trainings.Edges[i].Node.id] = &p.Trainings.Edges[i].Node
	}
	err = each(ctx, h.db, `SELECT training_id, starts_at, city, seats_left FROM (
		  SELECT training_id, starts_at, city, seats_left, id,
		         row_number() OVER (PARTITION BY training_id ORDER BY starts_at, id) AS n
		  FROM training_sessions
		  WHERE training_id = ANY($1) AND status = 'SCHEDULED' AND starts_at >= $2) AS s
		WHERE n <= 100 ORDER BY training_id, starts_at, id`, []any{pq.Array(ids), now}, func(rows *sql.Rows) error {
		var tid int64
		var s session
		if err := rows.Scan(&tid, &s.StartsAt, &s.City, &s.SeatsLeft); err != nil {
			return err
		}
		t := byID[tid]
		t.Sessions.Edges = append(t.Sessions.Edges, edge[session]{s})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]any{"profession": p}, nil
}

type listedProfession struct {
	id      int64
	Slug    string                        `json:"slug"`
	Title   string                        `json:"title"`
	Summary string                        `json:"summary"`
	Skills  edges[professionSkill[skill]] `json:"skills"`
}

// professions is workload (b): two statements, whatever the page size.
func (h *sqlPath) professions(ctx context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	first, err := strconv.Atoi(q.Get("first"))
	if err != nil || first < 1 {
		return nil, errors.New("first must be a positive number")
	}
	keyset, args := "true", []any{first + 1}
	if q.Has("afterID") {
		id, err := strconv.ParseInt(q.Get("afterID"), 10, 64)
		if err != nil {
			return nil, err
		}
		keyset, args = "(title, id) > ($2, $3)", append(args, q.Get("afterTitle"), id)
	}
	var page []edge[listedProfession]
	err = each(ctx, h.db, `SELECT id, slug, title, summary FROM professions
		WHERE status = 'PUBLISHED' AND `+keyset+` ORDER BY title, id LIMIT $1`, args, func(rows *sql.Rows) error {
		var p listedProfession
		if err := rows.Scan(&p.id, &p.Slug, &p.Title, &p.Summary); err != nil {
			return err
		}
		p.Skills.Edges = []edge[professionSkill[skill]]{}
		page = append(page, edge[listedProfession]{p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	more := len(page) > first
	if more {
		page = page[:first]
	}
	byID := map[int64]*listedProfession{}
	ids := make([]int64, len(page))
	for i := range page {
		ids[i] = page[i].Node.id
		byID[ids[i]] = &page[i].Node
	}
	err = each(ctx, h.db, `SELECT profession_id, importance, slug, name FROM (
		  SELECT ps.profession_id, ps.importance, s.slug, s.name, ps.id,
		         row_number() OVER (PARTITION BY ps.profession_id ORDER BY s.name, ps.id) AS n
		  FROM profession_skills ps JOIN skills s ON s.id = ps.skill_id
		  WHERE ps.profession_id = ANY($1) AND s.status = 'PUBLISHED') AS x
		WHERE n <= 10 ORDER BY profession_id, n`, []any{pq.Array(ids)}, func(rows *sql.Rows) error {
		var pid int64
		var ps professionSkill[skill]
		if err := rows.Scan(&pid, &ps.Importance, &ps.Skill.Slug, &ps.Skill.Name); err != nil {
			return err
		}
		p := byID[pid]
		p.Skills.Edges = append(p.Skills.Edges, edge[professionSkill[skill]]{ps})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []edge[listedProfession]{}
	}
	return map[string]any{"professions": map[string]any{
		"pageInfo": map[string]bool{"hasNextPage": more},
		"edges":    page,
	}}, nil
}

// typeNames are the GraphQL type of each kind of hit, and the table it lives in.
var typeNames = map[search.Type]struct{ name, table string }{
	search.Profession:   {"Profession", "professions"},
	search.Skill:        {"Skill", "skills"},
	search.Training:     {"Training", "trainings"},
	search.BlogPost:     {"BlogPost", "blog_posts"},
	search.GlossaryTerm: {"GlossaryTerm", "glossary_terms"},
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

// searchPage is workload (c): the search's own statements, then one per kind of hit for slugs.
func (h *sqlPath) searchPage(ctx context.Context, r *http.Request) (any, error) {
	page, err := h.search.Search(ctx, search.Query{Text: r.URL.Query().Get("query"), First: 20})
	if err != nil {
		return nil, err
	}
	ids := map[search.Type][]int64{}
	for _, x := range page.Hits {
		ids[x.Type] = append(ids[x.Type], int64(x.ID))
	}
	slugs := map[int64]string{}
	for typ, list := range ids {
		err := each(ctx, h.db, `SELECT id, slug FROM `+typeNames[typ].table+` WHERE id = ANY($1)`, []any{pq.Array(list)},
			func(rows *sql.Rows) error {
				var id int64
				var slug string
				if err := rows.Scan(&id, &slug); err != nil {
					return err
				}
				slugs[id] = slug
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	out := make([]hit, len(page.Hits))
	for i, x := range page.Hits {
		out[i].Score, out[i].Snippet = x.Score, x.Snippet
		out[i].Node.Typename, out[i].Node.Slug, out[i].Node.Title = typeNames[x.Type].name, slugs[int64(x.ID)], x.Title
	}
	return map[string]any{"search": map[string]any{"totalCount": page.TotalCount, "totalCountIsLowerBound": page.TotalCountIsLowerBound, "edges": out}}, nil
}

// serve answers {"data": …} with what read returns, or a 500 with the error.
func (h *sqlPath) serve(read func(context.Context, *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		data, err := read(r.Context(), r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	}
}

// each runs query and calls scan for each row.
func each(ctx context.Context, db *sql.DB, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
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
