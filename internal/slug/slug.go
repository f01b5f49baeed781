// Package slug derives URL slugs from titles: "Back-End Developer" → "back-end-developer".
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug derived; longer titles are cut at a word boundary.
const MaxLen = 80

// special letters that do not decompose into a base letter and a mark.
var special = map[rune]string{'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'đ': "d", 'ł': "l", 'þ': "th", '&': "and", '+': "plus", '#': "sharp"}

// From returns the slug for title: lowercase ASCII letters and digits, words joined by single
// hyphens, accents dropped (ä → a). It returns "" when title has no letters or digits.
func From(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // An accent of the previous letter.
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case special[r] != "":
			if b.Len() > 0 && (r == '&' || r == '+') {
				b.WriteByte('-')
			}
			b.WriteString(special[r])
			hyphen = r == '&' || r == '+'
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > MaxLen {
		s = s[:MaxLen]
		if i := strings.LastIndexByte(s, '-'); i > MaxLen/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	return s
}
