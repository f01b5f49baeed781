// Package search finds professions, skills, trainings, blog posts and glossary terms for a line
// of text, in one ranked list with a highlighted snippet per hit.
//
// It forgives typos ("devloper" finds developers, "pyhton" finds Python), matches words as they
// are typed ("kube" finds Kubernetes) and puts an exact title above a passing mention. Both stores
// answer from stored search documents that triggers keep in step with every write (migration
// 20261122100000_search_documents): per object, the words of its names (title and alternative
// names) and the words of all its texts, each with a full-text index, and a dictionary of the
// words names hold, with a trigram index.
//
// # Typos
//
// A query word of five letters or more is looked up in the dictionary. A word whose start is
// within one edit of it (two from eight letters; edits are insertions, deletions, substitutions
// and swaps of neighbours: "pyhton" → python), or that holds 60 % of its trigrams ("engineering"
// → engineer), is a correction: the query word matches it too, in names only. Corrections never
// reach a text a caller may not read: the dictionary holds the words of drafts too, but a
// correction only matches the names of rows the caller sees.
//
// # Candidates, ranking and counting
//
// A row is a hit when every query word starts a word of its texts (a one-letter word must be a
// whole word) or is a correction of a word of its names. Rather than rank every hit, a search
// ranks blocks of candidates that the indexes name in a fixed order, a pool (100) from each:
//
//   - name matches: the hits whose names hold every query word, an exact title first, then
//     shortest title first: those the closeness signal below ranks highest;
//   - all hits, in the order the index of all texts gives them (by ID on SQLite, by place in
//     the table on PostgreSQL): the first ones the count reads anyway.
//
// Block 0 holds the first pool of each, block 1 the next, and so on; a hit both name is in the
// first block either puts it in. The ranked list is block 0 by score, then block 1 by score, …:
// when the hits fit in a block (a few hundred, the case of most searches), that is all hits by
// score; beyond, the first pages rank the best candidates. A page reads the blocks up to its
// own, so paging reaches every hit once, and the first page of 20 reads one block.
//
// Every candidate gets its score from the same four signals, computed by each store as well as
// it can:
//
//	score = 4·exact + 2·closeness + fuzzy + text
//
//	exact      1 when the title equals the query (case and surrounding space aside), ½ when an
//	           alternative name does, else 0
//	closeness  trigram similarity of the query and the whole title, 0…1: "Kubernetes" is closer to
//	           "kube" than "Kubernetes for Developers" is
//	fuzzy      share of the query's trigrams found in the title and alternative names, 0…1
//	           (word_similarity on PostgreSQL)
//	text       full-text relevance of the query's words, weighted title > alternative names >
//	           summary > long text, squashed into 0…1 (r/(r+1)): ts_rank on PostgreSQL, bm25 on
//	           SQLite
//
// TotalCount counts the hits up to a cap (1,000) and says when there are more
// (Page.TotalCountIsLowerBound): counting further would read every hit, which is what ranking
// blocks of candidates avoids.
package search

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"entgo.io/ent/dialect"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/sqlarray"
)

// Type is the kind of object a hit is.
type Type string

// The searchable types.
const (
	Profession   Type = "PROFESSION"
	Skill        Type = "SKILL"
	Training     Type = "TRAINING"
	BlogPost     Type = "BLOG_POST"
	GlossaryTerm Type = "GLOSSARY_TERM"
)

// AllTypes lists the searchable types, the default of Query.Types.
var AllTypes = []Type{Profession, Skill, Training, BlogPost, GlossaryTerm}

// Limits of a query.
const (
	// MaxTextLength is the longest search text accepted, in characters.
	MaxTextLength = 200
	// DefaultFirst is the page size when Query.First is 0.
	DefaultFirst = 20
	// MaxFirst is the largest page size accepted.
	MaxFirst = 100
	// DefaultCountCap is how far TotalCount counts.
	DefaultCountCap = 1000
	// DefaultPoolSize is how many candidates each index gives a block (see the package comment).
	DefaultPoolSize = 100
)

// Weights of the score's signals (see the package comment).
const (
	exactWeight     = 4
	closenessWeight = 2
	fuzzyWeight     = 1
	textWeight      = 1
)

// Hit is one object found.
type Hit struct {
	Type Type
	// ID is the object's ent ID (unique across types).
	ID int
	// Title is the object's title, name or term, as plain text.
	Title string
	// Snippet is a short passage of the object's texts as HTML: the matched words are wrapped
	// in <mark>…</mark> and everything else is escaped.
	Snippet string
	// Score is the hit's relevance; hits come highest first.
	Score float64
	// Cursor is the hit's position, to pass as Query.After for the hits that follow it or as
	// Query.Before for those that precede it.
	Cursor string
	// block is the block of candidates the hit was ranked in (see the package comment).
	block int
}

// Query is what to search for.
type Query struct {
	// Text is what the user typed: 1 to MaxTextLength characters, with a letter or digit.
	Text string
	// Types restricts the hits to these types; empty means all.
	Types []Type
	// First is the page size, 1 to MaxFirst; 0 means DefaultFirst.
	First int
	// After is the EndCursor of the previous page (or any hit's Cursor), or empty for the first
	// page.
	After string
	// Last and Before page backward: the Last hits (1 to MaxFirst) that precede the hit of
	// Before, the StartCursor of a page (or any hit's Cursor). They go together, and neither
	// goes with First or After.
	Last   int
	Before string
}

// Page is one page of hits.
type Page struct {
	Hits []Hit
	// TotalCount is the number of hits over all pages, counted up to the Searcher's cap: when
	// there are more, it is the cap and TotalCountIsLowerBound is set.
	TotalCount int
	// TotalCountIsLowerBound tells that there are more hits than TotalCount.
	TotalCountIsLowerBound bool
	// HasNextPage tells whether hits follow this page: when paging backward, whether the page
	// ends before a cursor (the hit of Query.Before follows it).
	HasNextPage bool
	// HasPreviousPage tells whether hits precede this page: when paging forward, whether the
	// page starts after a cursor (the hit of Query.After precedes it).
	HasPreviousPage bool
	// StartCursor and EndCursor are the cursors of the page's first and last hits, to pass as
	// Query.Before and Query.After; empty when the page is empty.
	StartCursor, EndCursor string
}

// Searcher runs searches on one database. It is safe for concurrent use.
type Searcher struct {
	db *sql.DB
	// read runs a search on the pool it picks for the request (see ReadFrom).
	read    func(ctx context.Context, search func(*sql.DB) error) error
	dialect string
	// countCap is how far TotalCount counts; poolSize how many candidates each index gives a
	// block.
	countCap, poolSize int
}

// New returns a Searcher over db, whose dialect is dialect.Postgres or dialect.SQLite (as in
// store.Store.Dialect). The database must carry migration 20261122100000_search_documents.
func New(db *sql.DB, dialectName string) *Searcher {
	s := &Searcher{db: db, dialect: dialectName, countCap: DefaultCountCap, poolSize: DefaultPoolSize}
	s.read = func(_ context.Context, search func(*sql.DB) error) error { return search(db) }
	return s
}

// ReadFrom has searches on PostgreSQL run on the pool read picks for their request, such as a
// read replica's (store.Store.Read), which may run a search again on another pool when it failed.
func (s *Searcher) ReadFrom(read func(ctx context.Context, search func(*sql.DB) error) error) *Searcher {
	s.read = read
	return s
}

// Search returns a page of the hits for q, best first, among the objects the caller in ctx may
// see: published ones, or every one for staff and the system (access.SeesUnpublished), and a
// provider's own trainings for its write key (access.OwnProvider), as everywhere else in the API.
//
// Invalid input (empty text, text over MaxTextLength, an unknown type, First out of range, a
// cursor that is not one of this search's) is an *apierr.Error with code BAD_USER_INPUT naming
// the field at fault ("query", "types", "first" or "after"). Paging is by keyset on
// (score, type, ID): a page continues after its cursor's position even when the rows before it
// changed in between.
func (s *Searcher) Search(ctx context.Context, q Query) (Page, error) {
	p, err := s.prepare(ctx, q)
	if err != nil {
		return Page{}, err
	}
	var page Page
	switch s.dialect {
	case dialect.Postgres:
		err = s.read(ctx, func(db *sql.DB) error {
			page = Page{}
			return s.searchPostgres(ctx, db, p, &page)
		})
	case dialect.SQLite:
		err = s.searchSQLite(ctx, p, &page)
	default:
		err = fmt.Errorf("search: unsupported dialect %q", s.dialect)
	}
	if err != nil {
		return Page{}, fmt.Errorf("searching for %q: %w", p.norm, err)
	}
	return page, nil
}

// prepare validates q and plans its search for the caller in ctx.
func (s *Searcher) prepare(ctx context.Context, q Query) (plan, error) {
	p, err := parse(q)
	if err != nil {
		return plan{}, err
	}
	p.seesAll = access.SeesUnpublished(ctx)
	p.ownProvider = access.OwnProvider(ctx)
	p.countCap, p.pool = s.countCap, s.poolSize
	// Enough blocks for a full page after the cursor. Every block read holds a pool of hits
	// new to one index at least, unless the hits run out, and the blocks up to the cursor's hold
	// two pools each at most: reading twice as many again leaves a page to spare.
	p.blocks = (p.first + p.pool) / p.pool
	if p.after != nil {
		p.blocks += 2 * (p.after.Block + 1)
	}
	// Paging backward, every hit before the cursor is in its block or an earlier one.
	if p.before != nil {
		p.blocks = p.before.Block + 1
	}
	return p, nil
}

// plan is a validated query with what both stores' SQL needs.
type plan struct {
	// norm is the text in lower case, its runs of white space made single spaces.
	norm string
	// words are the text's runs of letters and digits, in lower case, without repeats.
	words []string
	types []Type
	// first is the page size, forward from after or backward from before.
	first int
	after *cursor
	// before is set when paging backward.
	before *cursor
	// key identifies the search, so that a cursor is not used with another one.
	key         string
	seesAll     bool
	ownProvider int
	// fixes holds, by word, the corrections found for it (see addFix).
	fixes [][]string
	// countCap is how far to count; pool how many candidates each index gives a block; blocks
	// how many blocks the page reads.
	countCap, pool, blocks int
}

func parse(q Query) (plan, error) {
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return plan{}, apierr.Invalid("query", "the search text is empty: type a word to search for")
	}
	if n := utf8.RuneCountInString(text); n > MaxTextLength {
		return plan{}, apierr.Invalid("query", "the search text has %d characters; the most is %d", n, MaxTextLength)
	}
	p := plan{norm: strings.ToLower(strings.Join(strings.Fields(text), " "))}
	p.words = words(p.norm)
	if len(p.words) == 0 {
		return plan{}, apierr.Invalid("query", "the search text needs at least one letter or digit")
	}
	for _, t := range q.Types {
		if !slices.Contains(AllTypes, t) {
			return plan{}, apierr.Invalid("types", "%q is not a searchable type", string(t))
		}
	}
	for _, t := range AllTypes { // Canonical order, without repeats.
		if len(q.Types) == 0 || slices.Contains(q.Types, t) {
			p.types = append(p.types, t)
		}
	}
	backward := q.Last != 0 || q.Before != ""
	switch {
	case backward && q.Last == 0:
		return plan{}, apierr.Invalid("last", "before needs last: the number of hits to return before it, 1 to %d", MaxFirst)
	case backward && q.Before == "":
		return plan{}, apierr.Invalid("before", "last pages backward from a hit: pass the startCursor of a page of the same query as before")
	case backward && (q.First != 0 || q.After != ""):
		return plan{}, apierr.Invalid("after", "search pages forward with first and after, or backward with last and before: not both ways at once")
	case backward && (q.Last < 0 || q.Last > MaxFirst):
		return plan{}, apierr.Invalid("last", "last must be between 1 and %d", MaxFirst)
	case backward:
		p.first = q.Last
	case q.First == 0:
		p.first = DefaultFirst
	case q.First < 0 || q.First > MaxFirst:
		return plan{}, apierr.Invalid("first", "first must be between 1 and %d", MaxFirst)
	default:
		p.first = q.First
	}
	p.key = searchKey(p.norm, p.types)
	var err error
	if p.after, err = p.decodeCursor("after", q.After); err != nil {
		return plan{}, err
	}
	if p.before, err = p.decodeCursor("before", q.Before); err != nil {
		return plan{}, err
	}
	p.fixes = make([][]string, len(p.words))
	return p, nil
}

// decodeCursor returns the position that the cursor s, given as the argument arg, names in this
// search; nil when s is empty.
func (p plan) decodeCursor(arg, s string) (*cursor, error) {
	if s == "" {
		return nil, nil
	}
	c, err := decodeCursor(s)
	if err != nil || c.Key != p.key || c.Block < 0 {
		return nil, apierr.Invalid(arg, "%s is not a cursor of this search: pass a cursor of a page of the same query", arg)
	}
	return &c, nil
}

// keyset returns which hits the page reads, in terms of the ranked query's columns, with arg
// adding a parameter and returning its placeholder: those after the cursor, or before it when
// paging backward ("" without a cursor), and the order to read them in, nearest the cursor
// first. Either store's query then puts the page in ranked order.
func (p plan) keyset(arg func(v any) string) (where, order string) {
	c, gt, lt := p.after, ">", "<"
	order = "block, score DESC, kind, id"
	if p.before != nil {
		c, gt, lt = p.before, "<", ">"
		order = "block DESC, score, kind DESC, id DESC"
	}
	if c == nil {
		return "", order
	}
	b, s, k, i := arg(c.Block), arg(c.Score), arg(string(c.Type)), arg(c.ID)
	where = "(block " + gt + " " + b + " OR (block = " + b + " AND (score " + lt + " " + s + " OR (score = " + s +
		" AND (kind " + gt + " " + k + " OR (kind = " + k + " AND id " + gt + " " + i + "))))))"
	return where, order
}

// words splits s into its runs of letters and digits, dropping repeats: the words both stores'
// full-text queries are made of.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// cursor is the position of a hit in the ranked list: its block, then its place in the block.
type cursor struct {
	Block int     `json:"b"`
	Score float64 `json:"s"`
	Type  Type    `json:"t"`
	ID    int     `json:"i"`
	Key   string  `json:"k"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, err
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil {
		return cursor{}, err
	}
	if !slices.Contains(AllTypes, c.Type) {
		return cursor{}, fmt.Errorf("unknown type %q", c.Type)
	}
	return c, nil
}

func searchKey(norm string, types []Type) string {
	h := sha256.New()
	h.Write([]byte(norm))
	for _, t := range types {
		h.Write([]byte{0})
		h.Write([]byte(t))
	}
	return fmt.Sprintf("%x", binary.BigEndian.Uint64(h.Sum(nil)))
}

// source describes where one type's texts live, for the snippets.
type source struct {
	table string
	// Columns of the alternative names (a JSON array; "" when the type has none), the summary
	// and the long text ("" when none).
	alternatives, summary, body string
}

var sources = map[Type]source{
	Profession:   {"professions", "alternative_titles", "summary", "description"},
	Skill:        {"skills", "alternative_labels", "description", ""},
	Training:     {"trainings", "", "summary", "description"},
	BlogPost:     {"blog_posts", "", "excerpt", "body"},
	GlossaryTerm: {"glossary_terms", "", "definition", ""},
}

// scanPage reads the rows of either store's ranked query: (total, block, type, id, title,
// score), one row with a null type when the page is empty. total counts up to the cap and one
// beyond.
func scanPage(rows *sql.Rows, p plan, page *Page) error {
	defer rows.Close()
	for rows.Next() {
		var (
			total int
			block sql.NullInt64
			typ   sql.NullString
			id    sql.NullInt64
			title sql.NullString
			score sql.NullFloat64
		)
		if err := rows.Scan(&total, &block, &typ, &id, &title, &score); err != nil {
			return err
		}
		page.TotalCount, page.TotalCountIsLowerBound = min(total, p.countCap), total > p.countCap
		if !typ.Valid {
			continue
		}
		page.Hits = append(page.Hits, Hit{Type: Type(typ.String), ID: int(id.Int64), Title: title.String, Score: score.Float64, block: int(block.Int64)})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// One hit beyond the page, read to tell whether more follow (or precede, paging backward).
	switch {
	case len(page.Hits) > p.first && p.before != nil:
		page.Hits, page.HasPreviousPage = page.Hits[1:], true
	case len(page.Hits) > p.first:
		page.Hits, page.HasNextPage = page.Hits[:p.first], true
	}
	page.HasPreviousPage = page.HasPreviousPage || p.after != nil
	page.HasNextPage = page.HasNextPage || p.before != nil
	for i, h := range page.Hits {
		page.Hits[i].Cursor = cursor{Block: h.block, Score: h.Score, Type: h.Type, ID: h.ID, Key: p.key}.encode()
	}
	if n := len(page.Hits); n > 0 {
		page.StartCursor, page.EndCursor = page.Hits[0].Cursor, page.Hits[n-1].Cursor
	}
	return nil
}

// queryer is what both a pool and a transaction offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// addSnippets reads the texts of the page's hits and cuts each hit's snippet from them. The IDs of
// each type go as one array on PostgreSQL, so that the statement's text does not vary with their
// number (see internal/sqlarray).
func addSnippets(ctx context.Context, db queryer, dialectName string, p plan, page *Page) error {
	byType := map[Type][]any{}
	for _, h := range page.Hits {
		byType[h.Type] = append(byType[h.Type], h.ID)
	}
	texts := map[int][]string{}
	for typ, ids := range byType {
		src := sources[typ]
		alternatives, body := "NULL", "''"
		if src.alternatives != "" {
			alternatives = src.alternatives
		}
		if src.body != "" {
			body = src.body
		}
		in := sqlarray.In("id", ids...)
		in.SetDialect(dialectName)
		where, args := in.Query()
		q := fmt.Sprintf("SELECT id, %s, %s, %s FROM %s WHERE %s", src.summary, alternatives, body, src.table, where)
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("reading the texts of %s hits: %w", typ, err)
		}
		for rows.Next() {
			var (
				id                  int
				summary, alts, body sql.NullString
			)
			if err := rows.Scan(&id, &summary, &alts, &body); err != nil {
				rows.Close()
				return err
			}
			var names []string
			if alts.Valid && alts.String != "" {
				_ = json.Unmarshal([]byte(alts.String), &names) // Malformed names make no snippet.
			}
			texts[id] = []string{summary.String, strings.Join(names, ", "), body.String}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	m := newMatcher(p.words)
	for i, h := range page.Hits {
		t := texts[h.ID]
		if t == nil {
			t = make([]string, 3) // Deleted since the ranking query: the title is all there is.
		}
		page.Hits[i].Snippet = snippet(m, t[0], t[1], t[2], h.Title)
	}
	return nil
}
