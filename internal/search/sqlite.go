package search

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode/utf8"
)

// bm25 weights of search_words' columns: title, alternative names, summary, long text.
const sqliteColumnWeights = "10.0, 4.0, 2.0, 1.0"

// sqliteTermCandidates is how many dictionary words, those sharing the most (and rarest)
// trigrams first, are looked at per query word.
const sqliteTermCandidates = 50

func (s *Searcher) searchSQLite(ctx context.Context, p plan, page *Page) error {
	if err := sqliteFixes(ctx, s.db, &p); err != nil {
		return err
	}
	query, args := sqliteQuery(p)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if err := scanPage(rows, p, page); err != nil {
		return err
	}
	return addSnippets(ctx, s.db, s.dialect, p, page)
}

// sqliteFixes finds the corrections of the query's long words in search_terms, by the trigrams of
// search_term_trigrams: the words sharing any trigram with the query word, ranked by bm25, which
// puts those sharing the most and the rarest first. A query without long words costs no
// statement.
func sqliteFixes(ctx context.Context, db *sql.DB, p *plan) error {
	long := p.typoWords()
	if len(long) == 0 {
		return nil
	}
	var (
		branches []string
		args     []any
	)
	for i, w := range long {
		tgs := trigrams(p.words[w])
		for j, t := range tgs {
			tgs[j] = fts5String(t)
		}
		args = append(args, strings.Join(tgs, " OR "))
		branches = append(branches, `SELECT `+strconv.Itoa(i)+` AS i, f.rank AS r, t.term FROM (
  SELECT rowid, rank FROM search_term_trigrams WHERE search_term_trigrams MATCH ? ORDER BY rank LIMIT `+strconv.Itoa(sqliteTermCandidates)+`
) AS f JOIN search_terms AS t ON t.id = f.rowid`)
	}
	rows, err := db.QueryContext(ctx, strings.Join(branches, "\nUNION ALL\n")+"\nORDER BY i, r, term", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			i    int
			r    float64
			term string
		)
		if err := rows.Scan(&i, &r, &term); err != nil {
			return err
		}
		p.addFix(long[i], term)
	}
	return rows.Err()
}

// fts5String quotes s as an FTS5 string: inside double quotes nothing is an operator.
func fts5String(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqliteMatch returns the FTS5 query of the text: every word as a prefix, or one of its
// corrections in the names: ("devloper"* OR {title names} : ("developer")) AND "kube"*.
func sqliteMatch(p plan) string {
	parts := make([]string, len(p.words))
	for i, w := range p.words {
		parts[i] = fts5String(w)
		if utf8.RuneCountInString(w) > 1 { // One letter is a word, not a prefix of most words.
			parts[i] += "*"
		}
		if len(p.fixes[i]) > 0 {
			fixes := make([]string, len(p.fixes[i]))
			for j, f := range p.fixes[i] {
				fixes[j] = fts5String(f)
			}
			parts[i] = "(" + parts[i] + " OR {title names} : (" + strings.Join(fixes, " OR ") + "))"
		}
	}
	return strings.Join(parts, " AND ")
}

// sqliteQuery returns the ranked query and its arguments: the hits counted up to the cap, the
// blocks of candidates the page reads from each index (see the package comment), their scores,
// and the page.
func sqliteQuery(p plan) (string, []any) {
	var args []any
	arg := func(v any) string { args = append(args, v); return "?" + strconv.Itoa(len(args)) }

	// The query's trigrams, by word: qtg(w, tg).
	var values []string
	for i, w := range p.words {
		for _, t := range trigrams(w) {
			values = append(values, "("+strconv.Itoa(i)+", "+arg(t)+")")
		}
	}
	match, norm := arg(sqliteMatch(p)), arg(p.norm)
	marks := make([]string, len(p.types))
	for i, t := range p.types {
		marks[i] = arg(string(t))
	}
	where := "d.kind IN (" + strings.Join(marks, ", ") + ")"
	if !p.seesAll {
		if p.ownProvider != 0 {
			where += " AND (d.status = 'PUBLISHED' OR d.owner = " + arg(p.ownProvider) + ")"
		} else {
			where += " AND d.status = 'PUBLISHED'"
		}
	}
	keyset, order := p.keyset(arg)
	if keyset == "" {
		keyset = "1"
	}
	// ranked reads bm25 in a scan of all the matches, keeping the candidates: + keeps SQLite from
	// running the full-text query once per candidate instead, which for a prefix merges the
	// posting lists of every word it starts each time.
	return strings.NewReplacer(
		"{qtg}", strings.Join(values, ", "),
		"{match}", match,
		"{norm}", norm,
		"{where}", where,
		"{keyset}", keyset,
		"{order}", order,
		"{cap}", arg(p.countCap+1),
		"{pool}", arg(p.pool),
		"{found}", arg(p.blocks*p.pool),
		"{limit}", arg(p.first+1),
		"{weights}", sqliteColumnWeights,
		"{wExact}", strconv.Itoa(exactWeight),
		"{wCloseness}", strconv.Itoa(closenessWeight),
		"{wFuzzy}", strconv.Itoa(fuzzyWeight),
		"{wText}", strconv.Itoa(textWeight),
	).Replace(`WITH
qtg(w, tg) AS (VALUES {qtg}),
qn AS (SELECT count(*) AS n FROM qtg),
counted AS MATERIALIZED (
  SELECT d.id AS id FROM search_words AS s JOIN search_documents AS d ON d.id = s.rowid
  WHERE search_words MATCH {match} AND {where}
  ORDER BY s.rowid
  LIMIT max({cap}, {found})
),
total AS (SELECT count(*) AS n FROM (SELECT 1 FROM counted LIMIT {cap})),
by_name AS (
  SELECT id, (row_number() OVER (ORDER BY exact DESC, len, id) - 1) / {pool} AS block FROM (
    SELECT d.id AS id, lower(d.title) = {norm} AS exact, length(d.title) AS len
    FROM search_names AS s JOIN search_documents AS d ON d.id = s.rowid
    WHERE search_names MATCH {match} AND {where}
    ORDER BY exact DESC, len, d.id
    LIMIT {found}
  )
),
by_text AS (
  SELECT id, (row_number() OVER (ORDER BY id) - 1) / {pool} AS block FROM (SELECT id FROM counted ORDER BY id LIMIT {found})
),
candidates AS MATERIALIZED (
  SELECT id, min(block) AS block FROM (SELECT id, block FROM by_name UNION ALL SELECT id, block FROM by_text) GROUP BY id
),
ranked AS MATERIALIZED (
  SELECT s.rowid AS id, bm25(search_words, {weights}) AS bm FROM search_words AS s
  WHERE search_words MATCH {match} AND +s.rowid IN (SELECT id FROM candidates)
),
scored AS MATERIALIZED (
  SELECT c.block AS block, d.kind AS kind, d.id AS id, d.title AS title, r.bm AS bm,
    CASE WHEN lower(d.title) = {norm} THEN 1.0
      WHEN instr(' | ' || lower(d.names) || ' | ', ' | ' || {norm} || ' | ') > 0 THEN 0.5
      ELSE 0.0 END AS exact,
    (SELECT count(*) FROM qtg WHERE instr(d.folded_names, qtg.tg) > 0) AS mn,
    (SELECT count(*) FROM qtg WHERE instr(d.folded_title, qtg.tg) > 0) AS mt,
    max(length(d.folded_title) - 2, 1) AS tt
  FROM ranked AS r JOIN candidates AS c ON c.id = r.id JOIN search_documents AS d ON d.id = r.id
),
hits AS MATERIALIZED (
  SELECT block, kind, id, title, round(
      {wExact} * exact
    + {wCloseness} * min(1.0, mt * 1.0 / (qn.n + tt - mt))
    + {wFuzzy} * mn * 1.0 / qn.n
    + {wText} * (-bm / (1.0 - bm)), 6) AS score
  FROM scored, qn
)
SELECT t.n, p.block, p.kind, p.id, p.title, p.score
FROM total AS t LEFT JOIN (
  SELECT block, kind, id, title, score FROM hits
  WHERE {keyset}
  ORDER BY {order}
  LIMIT {limit}
) AS p ON 1
ORDER BY p.block, p.score DESC, p.kind, p.id`), args
}
