package bulk

import (
	"os"
	"strings"
	"testing"
)

// TestTheFormatIsDocumented keeps docs/import-format.md in step with the importer: every type and
// every member it reads is in the table.
func TestTheFormatIsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/import-format.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		if name, _, ok := strings.Cut(strings.TrimPrefix(l, "| `"), "` |"); ok && strings.HasPrefix(l, "| `") {
			rows[name] = l
		}
	}
	for _, k := range kinds {
		row, ok := rows[k.Name]
		if !ok {
			t.Errorf("type %s is not in the table", k.Name)
			continue
		}
		var names []string
		for _, f := range k.Fields() {
			names = append(names, f.Name)
		}
		for _, r := range append(k.Required, k.Refs...) {
			names = append(names, r.Name)
		}
		for _, l := range k.allLinks() {
			names = append(names, l.Name)
		}
		for _, n := range names {
			if !strings.Contains(row, "`"+n+"`") {
				t.Errorf("%s's member %s is not in its row of the table", k.Name, n)
			}
		}
	}
	if len(rows) != len(kinds) {
		t.Errorf("the table has %d types, the importer %d", len(rows), len(kinds))
	}
}
