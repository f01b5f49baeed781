package search

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippet sizes, in bytes of plain text.
const (
	snippetLength = 160
	snippetLead   = 50 // Context kept before the first match.
)

// matcher tells which words of a text the query matched, the way the stores did: a word the
// query word starts (as typed), or one a typo away.
type matcher struct{ words []string }

func newMatcher(words []string) matcher { return matcher{words: words} }

// matches reports whether the text word w (any case) answers one of the query's words.
func (m matcher) matches(w string) bool {
	w = strings.ToLower(w)
	for _, q := range m.words {
		if utf8.RuneCountInString(q) < 2 {
			if w == q {
				return true
			}
			continue
		}
		if strings.HasPrefix(w, q) || typoPrefix(q, w) {
			return true
		}
	}
	return false
}

// typoPrefix reports whether w starts with q give or take a typo: an edit distance of at most 1
// for query words of 5 to 7 letters, 2 from 8 letters, between q and a prefix of w about q's
// length ("devloper" → "developers"). Shorter words are a typo away from too many others
// ("node" → "code") to mark.
func typoPrefix(q, w string) bool {
	qr, wr := []rune(q), []rune(w)
	allowed := 0
	switch n := len(qr); {
	case n >= 8:
		allowed = 2
	case n >= 5:
		allowed = 1
	}
	if allowed == 0 {
		return false
	}
	for n := len(qr) - allowed; n <= len(qr)+allowed; n++ {
		if n >= 1 && n <= len(wr) && editDistance(qr, wr[:n]) <= allowed {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance: insertions, deletions, substitutions and
// swaps of neighbours each count one.
func editDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdPrefix = regexp.MustCompile(`(?m)^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+`)
	mdMarks  = regexp.MustCompile("[*_`~]+")
)

// plain turns Markdown into running text: links keep their text, markers go, lines join.
func plain(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdPrefix.ReplaceAllString(s, "")
	s = mdMarks.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(s), " ")
}

// span is a word's place in a text, in bytes.
type span struct{ start, end int }

func wordSpans(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// snippet cuts the passage shown under a hit from the first of its texts with a matched word, in
// the order summary, alternative names, long text, title, with every matched word in the
// passage marked. Without any, it shows the start of the first text there is.
func snippet(m matcher, summary, alternatives, body, title string) string {
	fields := []string{plain(summary), alternatives, plain(body), title}
	for _, f := range fields {
		spans := wordSpans(f)
		for i, sp := range spans {
			if m.matches(f[sp.start:sp.end]) {
				return cut(m, f, spans, i)
			}
		}
	}
	for _, f := range fields {
		if f != "" {
			return cut(m, f, wordSpans(f), 0)
		}
	}
	return ""
}

// cut returns the passage of f around its word spans[first], escaped, with matches marked.
func cut(m matcher, f string, spans []span, first int) string {
	if len(spans) == 0 {
		return html.EscapeString(truncate(f, snippetLength))
	}
	// Start at a word some way before the match, and end at a word end within the length.
	from := first
	for from > 0 && spans[first].start-spans[from-1].start <= snippetLead {
		from--
	}
	start := spans[from].start
	if from == 0 {
		start = 0
	}
	end := start
	for _, sp := range spans[from:] {
		if sp.end-start > snippetLength && end > start {
			break
		}
		end = sp.end
	}
	if end == spans[len(spans)-1].end {
		end = len(f) // Keep the closing punctuation.
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, sp := range spans[from:] {
		if sp.end > end {
			break
		}
		if !m.matches(f[sp.start:sp.end]) {
			continue
		}
		b.WriteString(html.EscapeString(f[at:sp.start]))
		b.WriteString("<mark>" + html.EscapeString(f[sp.start:sp.end]) + "</mark>")
		at = sp.end
	}
	b.WriteString(html.EscapeString(f[at:end]))
	if end < len(f) {
		b.WriteString("…")
	}
	return b.String()
}

// truncate shortens s to at most n bytes, at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
