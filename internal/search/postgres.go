package search

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pgExpressions holds, per type, the expressions migration 20261121204500_search indexes, and
// the part of the tsvector that ranking reads.
//
// words and names must stay what the migration says, token for token: PostgreSQL uses an
// expression index only for the very same expression.
var pgExpressions = map[Type]struct{ words, names, head string }{
	Profession: {
		words: `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', coalesce("alternative_titles", '[]')), 'B') || setweight(to_tsvector('simple', "summary"), 'C') || setweight(to_tsvector('simple', "description"), 'D')`,
		names: `"title" || ' ' || coalesce("alternative_titles"::text, '')`,
		head:  `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', coalesce("alternative_titles", '[]')), 'B') || setweight(to_tsvector('simple', "summary"), 'C')`,
	},
	Skill: {
		words: `setweight(to_tsvector('simple', "name"), 'A') || setweight(to_tsvector('simple', coalesce("alternative_labels", '[]')), 'B') || setweight(to_tsvector('simple', "description"), 'C')`,
		names: `"name" || ' ' || coalesce("alternative_labels"::text, '')`,
	},
	Training: {
		words: `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "summary"), 'C') || setweight(to_tsvector('simple', "description"), 'D')`,
		names: `"title"`, // trainings_title_trgm
		head:  `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "summary"), 'C')`,
	},
	BlogPost: {
		words: `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "excerpt"), 'C') || setweight(to_tsvector('simple', "body"), 'D')`,
		names: `"title"`, // blog_posts_title_trgm
		head:  `setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('simple', "excerpt"), 'C')`,
	},
	GlossaryTerm: {
		words: `setweight(to_tsvector('simple', "term"), 'A') || setweight(to_tsvector('simple', "definition"), 'C')`,
		names: `"term"`, // glossary_terms_term_trgm
	},
}

// pgBodyCredit is the text signal of a row that matches the query's words only through its long
// text (weight D). Ranking re-reads the short texts only (the "head": title, alternative names,
// summary): parsing every matching row's long text again would cost more than the rest of the
// query together, and ts_rank gives a single D match about this much anyway (0.1 → 0.057).
const pgBodyCredit = "0.05"

// pgWordSimilarityThreshold is the least word_similarity between each word of the query and a
// row's names for the row to be a typo match. pg_trgm's default, 0.6, misses one dropped letter
// in a word of eight ("devloper" is 0.58 to "Developer").
const pgWordSimilarityThreshold = "0.5"

// pgSettings are set for the transaction of every search.
var pgSettings = []string{
	// The threshold of the indexable %> operator is a setting.
	"SET LOCAL pg_trgm.word_similarity_threshold = " + pgWordSimilarityThreshold,
	// Candidates must come from the search indexes, however common the query's words. For a
	// word most rows hold, the planner would rather filter every row through the expression,
	// which parses each long text again (a fraction of a millisecond a row, where its estimate
	// says microseconds): several times slower than reading the rows the index names. Each
	// candidate scan has nothing but its indexed condition, so with sequential scans ruled out,
	// the bitmap scan of the search index is what remains.
	"SET LOCAL enable_seqscan = off",
}

func (s *Searcher) searchPostgres(ctx context.Context, p plan, page *Page) error {
	// A transaction, for the settings.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // After Commit, or to abandon a failed read.
	for _, set := range pgSettings {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			return err
		}
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

// postgresTSQuery turns the text into a tsquery in which every word is a prefix: 'back-end':* &
// 'dev':*. PostgreSQL's own parser reads each quoted chunk (so "node.js" stays the one token the
// documents hold); quotes and backslashes are dropped, so the chunk cannot leave its quotes. A
// chunk of one character is a whole word: as a prefix it would match most of the catalogue.
func postgresTSQuery(norm string) string {
	clean := strings.NewReplacer("'", " ", `\`, " ").Replace(norm)
	var parts []string
	for _, chunk := range strings.Fields(clean) {
		switch {
		case len(words(chunk)) == 0:
		case utf8.RuneCountInString(chunk) == 1:
			parts = append(parts, "'"+chunk+"'")
		default:
			parts = append(parts, "'"+chunk+"':*")
		}
	}
	return strings.Join(parts, " & ")
}

// postgresQuery returns the ranked query and its arguments: one branch per type, whose
// candidates come from its two indexes (trigram and tsvector), then one sort of all the hits.
func postgresQuery(p plan) (string, []any) {
	// $1 the normalised text, $2 the tsquery, $3 the page size plus one, $4 a regular expression
	// matching any of the words (letters and digits only, so nothing in it is an operator).
	args := []any{p.norm, postgresTSQuery(p.norm), p.first + 1, strings.Join(p.words, "|")}
	// Then each word, for the typo condition: every word must be close to a word of the names.
	// (The whole text against the names would let "python developer" find every developer.)
	var wordMarks []string
	for _, w := range p.words {
		args = append(args, w)
		wordMarks = append(wordMarks, "$"+strconv.Itoa(len(args)))
	}
	var branches []string
	for _, typ := range p.types {
		src, expr := sources[typ], pgExpressions[typ]
		title := `"` + src.title + `"`
		// An exact title counts 1, an exact alternative name ½.
		exact := "(lower(" + title + ") = $1)::int"
		if src.alternatives != "" {
			exact = "CASE WHEN lower(" + title + ") = $1 THEN 1" +
				` WHEN EXISTS (SELECT FROM jsonb_array_elements_text("` + src.alternatives + `") AS a(name) WHERE lower(a.name) = $1) THEN 0.5` +
				" ELSE 0 END"
		}
		// The head's text, to skip ranking the rows whose short texts hold none of the words.
		headText := title + ` || ' ' || "` + src.summary + `"`
		if src.alternatives != "" {
			headText += ` || ' ' || coalesce("` + src.alternatives + `"::text, '')`
		}
		head, text := expr.head, "head"
		if head == "" {
			head = expr.words // Short texts only: rank on all of them.
		} else {
			// A row that is neither a word match in its short texts nor a typo match got here
			// through its long text.
			text = "CASE WHEN head > 0 THEN head WHEN fuzzy >= " + pgWordSimilarityThreshold + " THEN 0 ELSE " + pgBodyCredit + " END"
		}
		visible := "true"
		if !p.seesAll {
			visible = `"status" = 'PUBLISHED'`
			if src.owner != "" && p.ownProvider != 0 {
				args = append(args, p.ownProvider)
				visible = "(" + visible + ` OR "` + src.owner + `" = $` + strconv.Itoa(len(args)) + ")"
			}
		}
		columns := []string{`"id"`, title, `"` + src.summary + `"`, `"status"`}
		if src.alternatives != "" {
			columns = append(columns, `"`+src.alternatives+`"`)
		}
		if src.owner != "" {
			columns = append(columns, `"`+src.owner+`"`)
		}
		// Candidates come from two bitmap scans, one per index, joined by UNION: merged into one
		// BitmapOr, the trigram index's matches (always rechecked) would make PostgreSQL recheck
		// whole pages, and so parse again the long text of every word match sharing a page with
		// one. The trigram condition is written as the index has it (indexed expression %> query)
		// so that the planner sees that the index condition covers it. OFFSET 0 keeps the
		// visibility filter out of the scans (see pgSettings).
		typo := make([]string, len(wordMarks))
		for i, m := range wordMarks {
			typo[i] = "(" + expr.names + ") %> " + m
		}
		branches = append(branches, strings.NewReplacer(
			"{kind}", string(typ),
			"{table}", `"`+src.table+`"`,
			"{columns}", strings.Join(columns, ", "),
			"{title}", title,
			"{exact}", exact,
			"{names}", expr.names,
			"{typo}", strings.Join(typo, " AND "),
			"{words}", expr.words,
			"{headText}", headText,
			"{head}", head,
			"{text}", text,
			"{visible}", visible,
			"{wExact}", strconv.Itoa(exactWeight),
			"{wCloseness}", strconv.Itoa(closenessWeight),
			"{wFuzzy}", strconv.Itoa(fuzzyWeight),
			"{wText}", strconv.Itoa(textWeight),
		).Replace(`SELECT kind, id, title,
    round(({wExact} * exact + {wCloseness} * closeness + {wFuzzy} * fuzzy + {wText} * ({text}))::numeric, 6)::float8 AS score
  FROM (SELECT '{kind}'::text COLLATE "C" AS kind, "id" AS id, {title}::text AS title,
      {exact} AS exact,
      similarity({title}, $1) AS closeness,
      word_similarity($1, {names}) AS fuzzy,
      CASE WHEN lower({headText}) ~ $4 THEN ts_rank({head}, to_tsquery('simple', $2), 32) ELSE 0 END AS head
    FROM (SELECT {columns} FROM {table} WHERE {typo}
      UNION SELECT {columns} FROM {table} WHERE ({words}) @@ to_tsquery('simple', $2)
      OFFSET 0) AS candidates
    WHERE {visible}
  ) AS {kind}`))
	}
	keyset := "true"
	if c := p.after; c != nil {
		args = append(args, c.Score, string(c.Type), c.ID)
		n := len(args)
		keyset = fmt.Sprintf(`(score < $%[1]d OR (score = $%[1]d AND (kind > $%[2]d OR (kind = $%[2]d AND id > $%[3]d))))`, n-2, n-1, n)
	}
	return fmt.Sprintf(`WITH hits AS MATERIALIZED (
  %s
)
SELECT t.total, p.kind, p.id, p.title, p.score
FROM (SELECT count(*) AS total FROM hits) AS t
LEFT JOIN (
  SELECT kind, id, title, score FROM hits
  WHERE %s
  ORDER BY score DESC, kind, id
  LIMIT $3
) AS p ON true
ORDER BY p.score DESC, p.kind, p.id`, strings.Join(branches, "\n  UNION ALL\n  "), keyset), args
}
