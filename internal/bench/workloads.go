package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"time"
)

// A Workload is one kind of request a front-end sends, asked of every path: careergraph's GraphQL
// API and the direct-SQL handler (see sqlpath.go), which answer it with the same data in the same
// shape, and PostGraphile, which answers with the same data in its own schema's shape.
type Workload struct {
	// Name says what the request is, e.g. "(a) profession page".
	Name string
	// Document is careergraph's GraphQL query.
	Document string
	// PostGraphile is the same query in PostGraphile's schema (see postgraphile.sql).
	PostGraphile string
	// SQLPath is the direct-SQL handler's path for the same data.
	SQLPath string
	// Requests are the concrete requests, used in turn: the same list for both paths.
	Requests []Request
}

// Request is one request of a workload, in each path's terms.
type Request struct {
	// Vars are careergraph's GraphQL variables.
	Vars map[string]any
	// PostGraphileVars are PostGraphile's.
	PostGraphileVars map[string]any
	// Params are the direct-SQL handler's query parameters.
	Params url.Values
}

// ProfessionDocument is workload (a): one profession by slug with its skills, and its trainings
// with their upcoming sessions, as a profession page shows them.
const ProfessionDocument = `query ProfessionPage($slug: String!, $now: Time!) {
  profession(slug: $slug) {
    slug title summary
    skills(first: 100, orderBy: [{field: SKILL_NAME}]) {
      edges { node { importance skill { slug name kind category } } }
    }
    trainings(first: 100, orderBy: [{field: TITLE}]) {
      edges { node {
        slug title level format price { amountCents currency }
        sessions(first: 100, where: {status: SCHEDULED, startsAtGTE: $now}, orderBy: [{field: STARTS_AT}]) {
          edges { node { startsAt city seatsLeft } }
        }
      } }
    }
  }
}`

// ProfessionsDocument is workload (b): a page of professions by title, each with its first ten
// skills by name, as a listing shows them.
const ProfessionsDocument = `query ProfessionList($first: Int!, $after: Cursor) {
  professions(first: $first, after: $after, orderBy: [{field: TITLE}]) {
    pageInfo { hasNextPage }
    edges { node {
      slug title summary
      skills(first: 10, orderBy: [{field: SKILL_NAME}]) { edges { node { importance skill { slug name } } } }
    } }
  }
}`

// SearchDocument is workload (c): the first page of a search, as a search page shows it.
const SearchDocument = `query SearchPage($query: String!) {
  search(query: $query, first: 20) {
    totalCount totalCountIsLowerBound
    edges {
      score snippet
      node {
        __typename
        ... on Profession { slug title }
        ... on Skill { slug title: name }
        ... on Training { slug title }
        ... on BlogPost { slug title }
        ... on GlossaryTerm { slug title: term }
      }
    }
  }
}`

// PostGraphileProfessionDocument is workload (a) in PostGraphile's schema: the skills and
// trainings through the link views (many-to-many fields, the link's importance on the edge), the
// upcoming sessions by connection filter.
const PostGraphileProfessionDocument = `query ProfessionPage($slug: String!, $now: Datetime!) {
  professionBySlug(slug: $slug) {
    slug title summary
    skills(first: 100, orderBy: [NAME_ASC]) {
      edges { importance node { slug name kind category } }
    }
    trainings(first: 100, orderBy: [TITLE_ASC]) {
      edges { node {
        slug title level format priceCents priceCurrency
        sessions(first: 100, filter: {status: {equalTo: "SCHEDULED"}, startsAt: {greaterThanOrEqualTo: $now}}, orderBy: [STARTS_AT_ASC]) {
          edges { node { startsAt city seatsLeft } }
        }
      } }
    }
  }
}`

// PostGraphileProfessionsDocument is workload (b) in PostGraphile's schema.
const PostGraphileProfessionsDocument = `query ProfessionList($first: Int!, $after: Cursor) {
  professions(first: $first, after: $after, orderBy: [TITLE_ASC]) {
    pageInfo { hasNextPage }
    edges { node {
      slug title summary
      skills(first: 10, orderBy: [NAME_ASC]) { edges { importance node { slug name } } }
    } }
  }
}`

// PostGraphileSearchDocument is workload (c) as PostGraphile can serve it: PostGraphile has no
// ranked search across tables, so a front-end filters each searchable table by its title with
// the text (connection-filter's includesInsensitive, an ILIKE) and shows the first 20 of each,
// by title, with each table's count. It finds less than careergraph's search (the text must
// appear in the title as typed: no typos, no words in another order, no summaries or long texts;
// and nothing ranks the hits), and it returns up to 100 rows.
const PostGraphileSearchDocument = `query SearchPage($query: String!) {
  professions(first: 20, filter: {title: {includesInsensitive: $query}}, orderBy: [TITLE_ASC]) { totalCount nodes { slug title } }
  skills(first: 20, filter: {name: {includesInsensitive: $query}}, orderBy: [NAME_ASC]) { totalCount nodes { slug title: name } }
  trainings(first: 20, filter: {title: {includesInsensitive: $query}}, orderBy: [TITLE_ASC]) { totalCount nodes { slug title } }
  blogPosts(first: 20, filter: {title: {includesInsensitive: $query}}, orderBy: [TITLE_ASC]) { totalCount nodes { slug title } }
  glossaryTerms(first: 20, filter: {term: {includesInsensitive: $query}}, orderBy: [TERM_ASC]) { totalCount nodes { slug title: term } }
}`

// walkDocument reads every profession's cursor in title order, to start pages anywhere.
const walkDocument = `query ProfessionCursors($after: Cursor) {
  professions(first: 100, after: $after, orderBy: [{field: TITLE}]) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug } }
  }
}`

// postGraphileWalkDocument is walkDocument in PostGraphile's schema.
const postGraphileWalkDocument = `query ProfessionCursors($after: Cursor) {
  professions(first: 100, after: $after, orderBy: [TITLE_ASC]) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug } }
  }
}`

// SearchTerms are what workload (c) searches for: words of the synthetic catalogue, prefixes as
// typed, a typo, and several words at once.
var SearchTerms = []string{"python", "kubernetes", "kube", "devloper", "data engineer", "security testing",
	"postgresql performance", "react", "cloud architect", "terraform automation", "senior developer",
	"java", "monitoring", "docker basics", "analyst", "aws migration", "tableau", "rust in depth",
	"lead designer", "kafka operations"}

// Professions builds workload (a): the published professions of db in a random order.
func Professions(ctx context.Context, db *sql.DB, now time.Time, rnd *rand.Rand) (Workload, error) {
	slugs, err := column(ctx, db, `SELECT slug FROM professions WHERE status = 'PUBLISHED' ORDER BY id`)
	if err != nil {
		return Workload{}, err
	}
	if len(slugs) == 0 {
		return Workload{}, fmt.Errorf("no published professions")
	}
	rnd.Shuffle(len(slugs), func(i, j int) { slugs[i], slugs[j] = slugs[j], slugs[i] })
	w := Workload{Name: "(a) profession page", Document: ProfessionDocument, PostGraphile: PostGraphileProfessionDocument,
		SQLPath: "/profession"}
	at := now.UTC().Format(time.RFC3339Nano)
	for _, s := range slugs {
		vars := map[string]any{"slug": s, "now": at}
		w.Requests = append(w.Requests, Request{Vars: vars, PostGraphileVars: vars, Params: url.Values{"slug": {s}, "now": {at}}})
	}
	return w, nil
}

// Cursors are the positions pages of professions can start after: each published profession's
// cursor in careergraph and in PostGraphile, and the keyset (title, ID) the direct-SQL path pages
// by.
type Cursors []Cursor

// Cursor is where a page starts, in each path's terms.
type Cursor struct {
	GraphQL      string
	PostGraphile string
	Title        string
	ID           int64
}

// Listing builds workload (b) with pages of size, starting after random professions (and, one
// request in ten, at the start).
func Listing(cursors Cursors, size, n int, rnd *rand.Rand) Workload {
	w := Workload{Name: fmt.Sprintf("(b) %d professions, 10 skills each", size), Document: ProfessionsDocument,
		PostGraphile: PostGraphileProfessionsDocument, SQLPath: "/professions"}
	for range n {
		r := Request{Vars: map[string]any{"first": size}, PostGraphileVars: map[string]any{"first": size},
			Params: url.Values{"first": {strconv.Itoa(size)}}}
		if len(cursors) > 0 && rnd.IntN(10) != 0 {
			c := cursors[rnd.IntN(len(cursors))]
			r.Vars["after"], r.PostGraphileVars["after"] = c.GraphQL, c.PostGraphile
			r.Params.Set("afterTitle", c.Title)
			r.Params.Set("afterID", strconv.FormatInt(c.ID, 10))
		}
		w.Requests = append(w.Requests, r)
	}
	return w
}

// Search builds workload (c): SearchTerms in a random order, repeated n times.
func Search(n int, rnd *rand.Rand) Workload {
	w := Workload{Name: "(c) search page", Document: SearchDocument, PostGraphile: PostGraphileSearchDocument, SQLPath: "/search"}
	for range n {
		terms := append([]string(nil), SearchTerms...)
		rnd.Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
		for _, t := range terms {
			vars := map[string]any{"query": t}
			w.Requests = append(w.Requests, Request{Vars: vars, PostGraphileVars: vars, Params: url.Values{"query": {t}}})
		}
	}
	return w
}

// ReadCursors walks the professions through careergraph's API (and PostGraphile's, when it runs)
// and pairs each cursor with its keyset from db.
func ReadCursors(ctx context.Context, c *Client, db *sql.DB) (Cursors, error) {
	type key struct {
		title string
		id    int64
	}
	keys := map[string]key{}
	rows, err := db.QueryContext(ctx, `SELECT slug, title, id FROM professions WHERE status = 'PUBLISHED'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var slug, title string
		var id int64
		if err := rows.Scan(&slug, &title, &id); err != nil {
			return nil, err
		}
		keys[slug] = key{title, id}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var peer map[string]string
	if c.PostGraphile != "" {
		if peer, err = walk(ctx, c, PostGraphile, postGraphileWalkDocument); err != nil {
			return nil, err
		}
	}
	var out Cursors
	err = walkEach(ctx, c, Careergraph, walkDocument, func(slug, cursor string) error {
		k, ok := keys[slug]
		if !ok {
			return fmt.Errorf("profession %q is in the API but not in the database", slug)
		}
		pc, ok := peer[slug]
		if !ok && peer != nil {
			return fmt.Errorf("profession %q is in careergraph's API but not in PostGraphile's", slug)
		}
		out = append(out, Cursor{GraphQL: cursor, PostGraphile: pc, Title: k.title, ID: k.id})
		return nil
	})
	if err == nil && peer != nil && len(peer) != len(out) {
		err = fmt.Errorf("PostGraphile lists %d professions, careergraph %d", len(peer), len(out))
	}
	return out, err
}

// walk returns the cursor of each profession's slug, in the order of document on path.
func walk(ctx context.Context, c *Client, path Path, document string) (map[string]string, error) {
	out := map[string]string{}
	return out, walkEach(ctx, c, path, document, func(slug, cursor string) error {
		out[slug] = cursor
		return nil
	})
}

// walkEach pages through document on path and calls f with each profession's slug and cursor.
func walkEach(ctx context.Context, c *Client, path Path, document string, f func(slug, cursor string) error) error {
	var after any
	for {
		var page struct {
			Professions struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Cursor string
					Node   struct{ Slug string }
				}
			}
		}
		if err := c.Query(ctx, path, document, map[string]any{"after": after}, &page); err != nil {
			return fmt.Errorf("reading the professions' cursors from %s: %w", path, err)
		}
		for _, e := range page.Professions.Edges {
			if err := f(e.Node.Slug, e.Cursor); err != nil {
				return err
			}
		}
		if !page.Professions.PageInfo.HasNextPage {
			return nil
		}
		after = page.Professions.PageInfo.EndCursor
	}
}

func column(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
