package search

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sqliteFuzzyShare is the least share of each query word's trigrams a row's names must hold for
// the row to be a typo match.
const sqliteFuzzyShare = "0.6"

// bm25 weights of search_words' columns: type, status and owner (not indexed), title,
// alternative names, summary, long text.
const sqliteColumnWeights = "0, 0, 0, 10.0, 4.0, 2.0, 1.0"

func (s *Searcher) searchSQLite(ctx context.Context, p plan, page *Page) error {
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

// trigrams returns the trigrams of a word padded with a space on each side, the way search_names
// holds them: "end" → " en", "end", "nd ".
func trigrams(word string) []string {
	var out []string
	r := []rune(" " + word + " ")
	for i := 0; i+3 <= len(r); i++ {
		if t := string(r[i : i+3]); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// fts5String quotes s as an FTS5 string: inside double quotes nothing is an operator.
func fts5String(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqliteQuery returns the ranked query and its arguments. Candidates come from the two FTS5
// tables (every word as a prefix in search_words; any trigram in search_names), then each is
// scored, and the typo candidates whose names miss too many of some word's trigrams are dropped.
func sqliteQuery(p plan) (string, []any) {
	var args []any
	arg := func(v any) string { args = append(args, v); return "?" }

	// The query's trigrams, by word: qtg(w, tg).
	var values, names []string
	for i, w := range p.words {
		for _, t := range trigrams(w) {
			values = append(values, "("+strconv.Itoa(i)+", "+arg(t)+")")
			if s := fts5String(t); !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
	}
	prefixes := make([]string, len(p.words))
	for i, w := range p.words {
		prefixes[i] = fts5String(w)
		if utf8.RuneCountInString(w) > 1 { // One letter is a word, not a prefix of most words.
			prefixes[i] += "*"
		}
	}

	var b strings.Builder
	b.WriteString("WITH\nqtg(w, tg) AS (VALUES " + strings.Join(values, ", ") + "),\n")
	b.WriteString("qn AS (SELECT count(*) AS n FROM qtg),\n")
	b.WriteString("words AS MATERIALIZED (\n  SELECT rowid AS id, bm25(search_words, " + sqliteColumnWeights + ") AS bm\n")
	b.WriteString("  FROM search_words WHERE search_words MATCH " + arg(strings.Join(prefixes, " AND ")) + "\n),\n")
	b.WriteString("cand AS (\n  SELECT id FROM words\n  UNION SELECT rowid FROM search_names WHERE search_names MATCH " + arg(strings.Join(names, " OR ")) + "\n),\n")
	b.WriteString(`scored AS MATERIALIZED (
  SELECT s.type AS kind, c.id AS id, s.title AS title, w.bm AS bm,
    CASE WHEN lower(s.title) = ` + arg(p.norm) + ` THEN 1.0
      WHEN instr(' | ' || lower(s.names) || ' | ', ' | ' || ` + arg(p.norm) + ` || ' | ') > 0 THEN 0.5
      ELSE 0.0 END AS exact,
    (SELECT count(*) FROM qtg WHERE instr(n.names, qtg.tg) > 0) AS mn,
    NOT EXISTS (SELECT 1 FROM qtg GROUP BY w HAVING sum(instr(n.names, tg) > 0) < ` + sqliteFuzzyShare + ` * count(*)) AS typo,
    (SELECT count(*) FROM qtg WHERE instr(n.title, qtg.tg) > 0) AS mt,
    max(length(n.title) - 2, 1) AS tt
  FROM cand AS c
  JOIN search_words AS s ON s.rowid = c.id
  JOIN search_names AS n ON n.rowid = c.id
  LEFT JOIN words AS w ON w.id = c.id
  WHERE s.type IN (`)
	marks := make([]string, len(p.types))
	for i, t := range p.types {
		marks[i] = arg(string(t))
	}
	b.WriteString(strings.Join(marks, ", ") + ")")
	if !p.seesAll {
		b.WriteString(" AND (s.status = 'PUBLISHED'")
		if p.ownProvider != 0 {
			b.WriteString(" OR (s.type = 'TRAINING' AND s.owner = " + arg(p.ownProvider) + ")")
		}
		b.WriteString(")")
	}
	b.WriteString("\n),\n")
	b.WriteString(`hits AS MATERIALIZED (
  SELECT kind, id, title, round(
      ` + strconv.Itoa(exactWeight) + ` * exact
    + ` + strconv.Itoa(closenessWeight) + ` * min(1.0, mt * 1.0 / (qn.n + tt - mt))
    + ` + strconv.Itoa(fuzzyWeight) + ` * mn * 1.0 / qn.n
    + ` + strconv.Itoa(textWeight) + ` * coalesce(-bm / (1.0 - bm), 0.0), 6) AS score
  FROM scored, qn
  WHERE bm IS NOT NULL OR typo
)
SELECT t.total, p.kind, p.id, p.title, p.score
FROM (SELECT count(*) AS total FROM hits) AS t
LEFT JOIN (
  SELECT kind, id, title, score FROM hits
  WHERE `)
	if c := p.after; c != nil {
		// Placeholders bind in the order they appear.
		b.WriteString("(score < " + arg(c.Score) + " OR (score = " + arg(c.Score) + " AND (kind > " + arg(string(c.Type)) +
			" OR (kind = " + arg(string(c.Type)) + " AND id > " + arg(c.ID) + "))))")
	} else {
		b.WriteString("1")
	}
	b.WriteString(`
  ORDER BY score DESC, kind, id
  LIMIT ` + arg(p.first+1) + `
) AS p ON 1
ORDER BY p.score DESC, p.kind, p.id`)
	return b.String(), args
}
