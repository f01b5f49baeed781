package esco

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// clean normalises a text of the files: Unicode NFC; non-breaking, zero-width and other odd
// spaces become plain spaces (line breaks stay); backticks, which ESCO's texts use as
// apostrophes ("employer`s") and which Markdown would render as code, become apostrophes; each
// line is trimmed, and the whole. ESCO's texts hold no code, so no backtick is meant as one.
func clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '`':
			return '\''
		case r == '\n':
			return r
		case r == '\r':
			return -1
		case r == '\u200b' || r == '\u2060' || r == '\ufeff': // zero-width: nothing at all
			return -1
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			return ' '
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// label is clean for a one-line text: a label or a code.
func label(s string) string { return strings.Join(strings.Fields(clean(s)), " ") }

// abbreviations end with a full stop that does not end a sentence ("e.g. Python"), compared
// in lower case without the brackets or quotes before them.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "etc.": true, "cf.": true, "vs.": true, "viz.": true, "approx.": true,
	"incl.": true, "esp.": true, "e.t.c.": true, "a.k.a.": true, "no.": true, "nos.": true, "resp.": true,
	"st.": true, "dr.": true, "mr.": true, "mrs.": true, "ms.": true, "prof.": true, "fig.": true,
	"ca.": true, "min.": true, "max.": true,
}

// firstSentence returns text up to the end of its first sentence: a full stop, question or
// exclamation mark followed by a space, unless the word it ends is an abbreviation such as
// "e.g." or "etc.", or the next word starts in lower case. Without such an end, all of text.
func firstSentence(text string) string {
	words := strings.Split(text, " ")
	for i, w := range words[:max(len(words)-1, 0)] {
		if w == "" || !strings.ContainsRune(".?!", rune(w[len(w)-1])) {
			continue
		}
		if w[len(w)-1] == '.' {
			bare := strings.ToLower(strings.TrimLeft(w, "(\"'[“‘"))
			if abbreviations[bare] || (len(bare) == 2 && unicode.IsLetter(rune(bare[0]))) { // "J. Smith"
				continue
			}
		}
		if next := []rune(words[i+1]); len(next) > 0 && unicode.IsLower(next[0]) {
			continue
		}
		return strings.Join(words[:i+1], " ")
	}
	return text
}
