package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("filler words before the match ", 10) + "Kubernetes runs <containers> & pods. " + strings.Repeat("more words after it ", 10)
	for _, tc := range []struct {
		name, query                        string
		summary, alternatives, body, title string
		want                               string
	}{
		{"MarksPrefixMatchesInTheSummary", "kube", "Runs on Kubernetes.", "", "", "K8s", "Runs on <mark>Kubernetes</mark>."},
		{"MarksTypoMatches", "devloper", "Mobile developers build apps.", "", "", "", "Mobile <mark>developers</mark> build apps."},
		{"EscapesTheRest", "kube", "<b>Kubernetes</b> & \"friends\"", "", "", "", "&lt;b&gt;<mark>Kubernetes</mark>&lt;/b&gt; &amp; &#34;friends&#34;"},
		{"FallsBackToAlternativeNames", "golang", "A language.", "Golang, Go lang", "", "Go", "<mark>Golang</mark>, Go lang"},
		{"FallsBackToTheTitle", "kube", "", "", "", "Kubernetes", "<mark>Kubernetes</mark>"},
		{"ShowsTheSummaryWithoutAMatch", "zzz", "Plain summary.", "", "Body.", "T", "Plain summary."},
		{"StripsMarkdown", "link", "", "", "## Heading\n\nSee the [link text](http://x.test) and **bold** `code`.", "", "Heading See the <mark>link</mark> text and bold code."},
		{"CutsAroundTheMatch", "kubernetes", "", "", long, "",
			"…before the match filler words before the match <mark>Kubernetes</mark> runs &lt;containers&gt; &amp; pods. more words after it more words after it more words after it more words after…"},
		{"OneLetterWordsMatchWhole", "c", "C and Cobol", "", "", "", "<mark>C</mark> and Cobol"},
		{"ShortWordsNeedNoTypoNeighbours", "node", "Node.js code", "", "", "", "<mark>Node</mark>.js code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := snippet(newMatcher(words(strings.ToLower(tc.query))), tc.summary, tc.alternatives, tc.body, tc.title)
			if got != tc.want {
				t.Errorf("snippet:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTypoPrefix(t *testing.T) {
	for _, tc := range []struct {
		q, w string
		want bool
	}{
		{"devloper", "developers", true},
		{"kubrnetes", "kubernetes", true},
		{"postgersql", "postgresql", true},
		{"python", "pyhton", true},
		{"node", "code", false}, // Too short for a typo.
		{"develop", "envelope", false},
	} {
		if got := typoPrefix(tc.q, tc.w); got != tc.want {
			t.Errorf("typoPrefix(%q, %q) = %v, want %v", tc.q, tc.w, got, tc.want)
		}
	}
}
