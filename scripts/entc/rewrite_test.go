package main

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write rewrite's output to the golden files of testdata")

// inputs are snippets of what ent and entgql write, one per file that rewrite changes.
var inputs = []string{"gql_collection.go", "gql_pagination.go", "profession_query.go"}

// generated copies the snippets of testdata into a directory laid out as ent's output.
func generated(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range inputs {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRewriteGolden runs rewrite over the snippets of testdata and compares each file it leaves
// with testdata/<file>.golden. A version of ent or entgql whose output rewrite still matches but
// changes into something else fails here: take the snippets again from the new output, run
// `go test ./scripts/entc -update` and read the diff.
func TestRewriteGolden(t *testing.T) {
	dir := generated(t)
	if err := rewrite(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range inputs {
		out, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		in, _ := os.ReadFile(filepath.Join("testdata", name))
		if bytes.Equal(out, in) {
			t.Errorf("rewrite changed nothing in %s", name)
		}
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			if err := os.WriteFile(golden, out, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, want) {
			t.Errorf("%s differs from %s (go test ./scripts/entc -update writes it; read the diff)", name, golden)
		}
	}
}

// A change that finds nothing to change is an error, so that a version of ent or entgql that
// writes other code is noticed: run over its own output, rewrite finds none of its lines left.
func TestRewriteFindingNothingFails(t *testing.T) {
	dir := generated(t)
	if err := rewrite(dir); err != nil {
		t.Fatal(err)
	}
	err := rewrite(dir)
	if err == nil || !strings.Contains(err.Error(), "to change") {
		t.Errorf("rewrite over its own output: %v, want an error saying it found nothing to change", err)
	}
}

// TestGoldenIsTheGeneratedClient: every function of the golden files, what rewrite makes of the
// snippets, is in the generated client under ent/ word for word. As `go generate ./...` must
// leave no diff there, a version of ent or entgql that writes these functions differently fails
// here even where rewrite still matches it: take the snippets again from its output (before
// rewrite), run `go test ./scripts/entc -update` and read what rewrite now makes of them.
func TestGoldenIsTheGeneratedClient(t *testing.T) {
	for _, name := range inputs {
		client, err := os.ReadFile(filepath.Join("..", "..", "ent", name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".golden")
		src, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, golden, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok {
				found++
				if text := src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset]; !bytes.Contains(client, text) {
					t.Errorf("%s of %s is not in ent/%s as it is", fn.Name.Name, golden, name)
				}
			}
		}
		if found == 0 {
			t.Errorf("%s has no function to look for", golden)
		}
	}
}
