package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportESCOCommand runs `import esco DIR` as a user would, twice, on a new SQLite file.
func TestImportESCOCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "esco.db")
	getenv := func(k string) string { return map[string]string{"SQLITE_PATH": dbPath, "LOG_LEVEL": "warn"}[k] }
	importESCO := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"import"}, args...), getenv, strings.NewReader(""), &out, io.Discard)
		return out.String(), err
	}
	for _, c := range []struct {
		name       string
		wantSkills []string
	}{
		{"FirstRunCreates", []string{"skills", "6", "0", "0"}},
		{"SecondRunChangesNothing", []string{"skills", "0", "0", "6"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := importESCO("esco", "--max-missing", "50", "internal/esco/testdata/small")
			if err != nil {
				t.Fatal(err)
			}
			var skills []string
			for _, line := range strings.Split(out, "\n") {
				if f := strings.Fields(line); len(f) == 4 && f[0] == "skills" {
					skills = f
				}
			}
			if strings.Join(skills, " ") != strings.Join(c.wantSkills, " ") || !strings.Contains(out, "missing references (not imported): 8") {
				t.Errorf("printed:\n%s\nwant the skills line %q and 8 missing references", out, c.wantSkills)
			}
		})
	}
	// At the default limit of 1 %, the fixtures' 8 references of 41 that lead nowhere are too
	// many: the import is refused, says why, and shows what it found.
	out, err := importESCO("esco", "internal/esco/testdata/small")
	if err == nil || !strings.Contains(err.Error(), "at most 1 % may") || !strings.Contains(out, "not imported, nothing written") {
		t.Errorf("import at the default limit: error %v, printed:\n%s\nwant a refusal", err, out)
	}
	for _, args := range [][]string{{}, {"onet", "x"}, {"esco"}, {"esco", "no-such-folder"}, {"esco", "--max-missing", "101", "internal/esco/testdata/small"}} {
		if _, err := importESCO(args...); err == nil {
			t.Errorf("import %q was accepted", args)
		}
	}
}
