package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lib/pq"

	"careergraph/internal/store/pgstmt"
)

// pgTermSimilarity is the least trigram similarity between a query word and a dictionary word for
// the word to be looked at as a correction. It is low because a swap of two letters in the middle
// of a short word leaves few trigrams in common ("pyhton" and "python" share 3 of 11: 0.27);
// corrections then go through typoPrefix.
const pgTermSimilarity = "0.2"

// pgTermCandidates is how many dictionary words, closest first, are looked at per query word.
const pgTermCandidates = 50

// pgSettings are set for the transaction of every search, in one statement.
var pgSettings = strings.Join([]string{
	// The threshold of the indexable % operator, for the dictionary look-up.
	"SET LOCAL pg_trgm.similarity_threshold = " + pgTermSimilarity,
	// Every read comes from the search indexes, whatever the statistics say: candidates are
	// bounded by their LIMITs once read through an index, while a sequential scan, which a
	// planner misled by statistics older than a bulk import may prefer, reads every row.
	"SET LOCAL enable_seqscan = off",
	// Every join looks rows up by primary key, a bounded number of them: as nested loops, the
	// joins stop at their LIMITs and keep the order of the rows they start from, where a merge
	// join may read a whole primary key index in order, and a hash join all of one side.
	"SET LOCAL enable_mergejoin = off",
	"SET LOCAL enable_hashjoin = off",
	// The reads are bounded and short: workers would cost more to start than they save, and
	// would mix up the order the hits come in.
	"SET LOCAL max_parallel_workers_per_gather = 0",
	// Planned for the values at hand (the page's limits, the text's words), whatever the pool's
	// connections do with prepared statements (see internal/store).
	"SET LOCAL plan_cache_mode = force_custom_plan",
}, "; ")

func (s *Searcher) searchPostgres(ctx context.Context, db *sql.DB, p plan, page *Page) error {
	// A transaction, for the settings.
	// Planned each time, under the settings above: a cached plan, made under other settings,
	// could read the hits in another order and page them differently.
	ctx = pgstmt.Unprepared(ctx)
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // After Commit, or to abandon a failed read.
	if _, err := tx.ExecContext(ctx, pgSettings); err != nil {
		return err
	}
	if err := postgresFixes(ctx, tx, &p); err != nil {
		return fmt.Errorf("looking up corrections: %w", err)
	}
	query, args := postgresQuery(p)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if err := scanPage(rows, p, page); err != nil {
		return err
	}
	if err := addSnippets(ctx, tx, s.dialect, p, page); err != nil {
		return err
	}
	return tx.Commit()
}

// postgresFixes finds the corrections of the query's long words in search_terms, by its trigram
// index (tx carries pgSettings). A query without such words costs no statement.
func postgresFixes(ctx context.Context, tx *sql.Tx, p *plan) error {
	long := p.typoWords()
	if len(long) == 0 {
		return nil
	}
	words := make([]string, len(long))
	for i, w := range long {
		words[i] = p.words[w]
	}
	rows, err := tx.QueryContext(ctx, `SELECT w.i, t.term
FROM unnest($1::text[]) WITH ORDINALITY AS w(word, i)
CROSS JOIN LATERAL (
  SELECT term, similarity(term, w.word) AS sim FROM search_terms WHERE term % w.word
  ORDER BY sim DESC, term LIMIT `+strconv.Itoa(pgTermCandidates)+`
) AS t
ORDER BY w.i, t.sim DESC, t.term`, pq.StringArray(words))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			i    int
			term string
		)
		if err := rows.Scan(&i, &term); err != nil {
			return err
		}
		p.addFix(long[i-1], term)
	}
	return rows.Err()
}

// postgresTSQueries returns SQL expressions of the text's two tsqueries, appending their
// arguments to args. In both, every word is a prefix or one of its corrections:
//
//	match  for the index of all texts, where the names' words are also held marked with '~'
//	       (see the migration), so that a correction matches names only and the index answers
//	       exactly: ( 'devloper':* | '~developer' ) & 'kube':*
//	names  for the index of names and for ranking, with corrections as they are:
//	       ( 'devloper':* | 'developer' ) & 'kube':*
//
// PostgreSQL's own parser reads each quoted chunk of the text (so "node.js" stays the one token
// the documents hold, and "back-end" is a phrase); quotes and backslashes are dropped, so the
// chunk cannot leave its quotes. A chunk of one character is a whole word: as a prefix it would
// match most of the catalogue. Corrections are words the same parser made, given as they are
// (::tsquery); any with a quote or backslash is left out.
func postgresTSQueries(p plan, args *[]any) (match, names string) {
	arg := func(v any) string { *args = append(*args, v); return "$" + strconv.Itoa(len(*args)) }
	clean := strings.NewReplacer("'", " ", `\`, " ").Replace(p.norm)
	var matches, nameses []string
	for _, chunk := range strings.Fields(clean) {
		ws := words(chunk)
		if len(ws) == 0 {
			continue
		}
		lexeme := "'" + chunk + "':*"
		if utf8.RuneCountInString(chunk) == 1 {
			lexeme = "'" + chunk + "'"
		}
		m := "to_tsquery('simple', " + arg(lexeme) + ")"
		n := m
		if len(ws) == 1 {
			var marked, plain []string
			for _, f := range p.fixes[slices.Index(p.words, ws[0])] {
				if !strings.ContainsAny(f, `'\`) {
					marked, plain = append(marked, "'~"+f+"'"), append(plain, "'"+f+"'")
				}
			}
			if len(plain) > 0 {
				m = "(" + m + " || " + arg(strings.Join(marked, " | ")) + "::tsquery)"
				n = "(" + n + " || " + arg(strings.Join(plain, " | ")) + "::tsquery)"
			}
		}
		matches, nameses = append(matches, m), append(nameses, n)
	}
	return "(" + strings.Join(matches, " && ") + ")", "(" + strings.Join(nameses, " && ") + ")"
}

// postgresQuery returns the ranked query and its arguments: the hits counted up to the cap, the
// blocks of candidates the page reads from each index (see the package comment), their scores,
// and the page.
func postgresQuery(p plan) (string, []any) {
	types := make([]string, len(p.types))
	for i, t := range p.types {
		types[i] = string(t)
	}
	// $1 the normalised text, $2 the types, $3 the pool size, $4 the page size plus one, $5 the
	// cap plus one, $6 the candidates each index gives (the blocks the page reads): the hits are
	// read once, for the count and the candidates.
	args := []any{p.norm, pq.StringArray(types), p.pool, p.first + 1, p.countCap + 1, p.blocks * p.pool}
	match, names := postgresTSQueries(p, &args)
	visible := "true"
	if !p.seesAll {
		visible = `d.status = 'PUBLISHED'`
		if p.ownProvider != 0 {
			args = append(args, p.ownProvider)
			visible = "(" + visible + " OR d.owner_id = $" + strconv.Itoa(len(args)) + ")"
		}
	}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	keyset, order := p.keyset(arg)
	if keyset == "" {
		keyset = "true"
	}
	return strings.NewReplacer(
		"{match}", match,
		"{names}", names,
		"{visible}", visible,
		"{keyset}", keyset,
		"{order}", order,
		"{wExact}", strconv.Itoa(exactWeight),
		"{wCloseness}", strconv.Itoa(closenessWeight),
		"{wFuzzy}", strconv.Itoa(fuzzyWeight),
		"{wText}", strconv.Itoa(textWeight),
	).Replace(`WITH counted AS MATERIALIZED (
  -- The hits in the order of the index of all texts: OFFSET 0 keeps the planner to the bitmap
  -- scan it would read them all with, which yields them in table order, even where a LIMIT
  -- would tempt it to filter the primary key index instead. The texts carry what decides who
  -- may see them, so the hits are counted from the rows the scan reads.
  SELECT d.object_id FROM (SELECT object_id, kind, status, owner_id FROM search_texts WHERE words @@ {match} OFFSET 0) AS d
  WHERE d.kind = ANY ($2) AND {visible}
  LIMIT greatest($5::bigint, $6::bigint)
), total AS (
  SELECT count(*) AS n FROM (SELECT FROM counted LIMIT $5) AS capped
), by_name AS (
  SELECT object_id, (row_number() OVER (ORDER BY exact DESC, len, object_id) - 1) / $3 AS block FROM (
    SELECT d.object_id, lower(d.title) = $1 AS exact, length(d.title) AS len FROM search_documents AS d
    WHERE d.name_words @@ {names} AND d.kind = ANY ($2) AND {visible}
    ORDER BY exact DESC, len, d.object_id
    LIMIT $6
  ) AS found
), by_text AS (
  SELECT object_id, (row_number() OVER () - 1) / $3 AS block FROM (SELECT object_id FROM counted LIMIT $6) AS found
), hits AS (
  SELECT c.block, d.kind, d.object_id AS id, d.title,
    round(({wExact} * CASE WHEN lower(d.title) = $1 THEN 1
        WHEN strpos(' | ' || lower(d.names) || ' | ', ' | ' || $1 || ' | ') > 0 THEN 0.5 ELSE 0 END
      + {wCloseness} * similarity(d.title, $1)
      + {wFuzzy} * word_similarity($1, d.names)
      + {wText} * ts_rank(t.words, {names}, 32))::numeric, 6)::float8 AS score
  FROM (SELECT object_id, min(block) AS block FROM (SELECT * FROM by_name UNION ALL SELECT * FROM by_text) AS named
    GROUP BY object_id) AS c
  JOIN search_documents AS d USING (object_id)
  JOIN search_texts AS t USING (object_id)
)
SELECT total.n, p.block, p.kind, p.id, p.title, p.score
FROM total LEFT JOIN (
  SELECT block, kind, id, title, score FROM hits
  WHERE {keyset}
  ORDER BY {order}
  LIMIT $4
) AS p ON true
ORDER BY p.block, p.score DESC, p.kind, p.id`), args
}
