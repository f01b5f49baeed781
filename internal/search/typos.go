package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxFixes bounds the corrections kept per query word: each is one more term for the full-text
// indexes to look up.
const maxFixes = 8

// fixShare is the least share of a query word's trigrams a dictionary word must hold to be a
// correction when it is not a typo away: it lets "engineering" find "engineer", as the
// trigram matching of names did before corrections.
const fixShare = 0.6

// typoWords returns the indexes of the query words long enough to have corrections (see
// typoPrefix), in p.words.
func (p plan) typoWords() []int {
	var out []int
	for i, w := range p.words {
		if utf8.RuneCountInString(w) >= 5 {
			out = append(out, i)
		}
	}
	return out
}

// addFix keeps term, a dictionary word found near word i by the store's trigram index, as a
// correction of the word when it is one: a typo away from the word's start (typoPrefix, as the
// snippets mark them) or holding most of its trigrams, and not a word the word already starts.
// The stores list the words they find closest first; the first maxFixes are kept.
func (p *plan) addFix(i int, term string) {
	w := p.words[i]
	if len(p.fixes[i]) >= maxFixes || strings.HasPrefix(term, w) || slices.Contains(p.fixes[i], term) {
		return
	}
	if typoPrefix(w, term) || trigramShare(w, term) >= fixShare {
		p.fixes[i] = append(p.fixes[i], term)
	}
}

// trigramShare is the share of w's trigrams (see trigrams) that term holds.
func trigramShare(w, term string) float64 {
	wt, tt := trigrams(w), trigrams(term)
	n := 0
	for _, t := range wt {
		if slices.Contains(tt, t) {
			n++
		}
	}
	return float64(n) / float64(len(wt))
}

// trigrams returns the trigrams of a word padded with a space on each side, the way the folded
// names and SQLite's search_term_trigrams hold them: "end" → " en", "end", "nd ".
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
