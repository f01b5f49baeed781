package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/codegen"
)

var update = flag.Bool("update", false, "write the passes' output to the golden files of testdata")

// TestPassesGolden runs the passes over testdata/executor.go, functions of the executor gqlgen
// generates, and compares what the executor is after each pass (and those before it, which a
// pass may rely on) with testdata/NN-<pass>.golden. A version of gqlgen whose executor the
// passes still match but change into something else fails here: regenerate testdata/executor.go
// from the new executor, run `go test ./scripts/gqlgen -update` and read the diff.
func TestPassesGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/executor.go")
	if err != nil {
		t.Fatal(err)
	}
	previous := src
	var run []func(*ast.File) (string, int)
	for i, p := range passes {
		run = append(run, p.run)
		out, err := apply("executor.go", src, run...)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		if bytes.Equal(out, previous) {
			t.Errorf("%s changed nothing in testdata/executor.go", p.name)
		}
		previous = out
		golden := filepath.Join("testdata", fmt.Sprintf("%d-%s.golden", i+1, p.name))
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
			t.Errorf("%s: the executor after it differs from %s (go test ./scripts/gqlgen -update writes it; read the diff)", p.name, golden)
		}
	}
}

// A pass that finds nothing to change is an error: run over their own output, the passes that
// replace a call find none left.
func TestPassFindingNothingFails(t *testing.T) {
	src, err := os.ReadFile("testdata/executor.go")
	if err != nil {
		t.Fatal(err)
	}
	out, err := apply("executor.go", src, sequentialLists)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := apply("executor.go", out, sequentialLists); err == nil || !strings.Contains(err.Error(), "found nothing to change") {
		t.Errorf("sequentialLists over its own output: %v, want an error saying it found nothing", err)
	}
}

// The plugin leaves the operation roots' fields concurrent (several top-level queries of one
// document) and resolves every other object's fields in place.
func TestSequentialFieldsLeavesRootsConcurrent(t *testing.T) {
	query := &codegen.Object{Root: true}
	profession := &codegen.Object{}
	if err := (sequentialFields{}).GenerateCode(&codegen.Data{Objects: codegen.Objects{query, profession}}); err != nil {
		t.Fatal(err)
	}
	if query.DisableConcurrency || !profession.DisableConcurrency {
		t.Errorf("root resolved in place: %v, object resolved in place: %v; want false, true",
			query.DisableConcurrency, profession.DisableConcurrency)
	}
}

// TestGoldenIsTheGeneratedExecutor: the functions of the last golden file, what the passes make
// of testdata/executor.go, are in graph/generated/generated.go word for word (but _Query, of
// which the snippet keeps two fields). As `go generate ./...` must leave no diff there, a gqlgen
// whose executor looks different fails here even where the passes still match it: take
// testdata/executor.go again from its executor (`go run ./scripts/gqlgen -skip` with every pass),
// run `go test ./scripts/gqlgen -update` and read what the passes now make of it.
func TestGoldenIsTheGeneratedExecutor(t *testing.T) {
	generated, err := os.ReadFile("../../graph/generated/generated.go")
	if err != nil {
		t.Fatal(err)
	}
	last := filepath.Join("testdata", fmt.Sprintf("%d-%s.golden", len(passes), passes[len(passes)-1].name))
	src, err := os.ReadFile(last)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, last, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Name.Name == "_Query" {
			continue
		}
		text := src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset]
		if !bytes.Contains(generated, text) {
			t.Errorf("%s of %s is not in graph/generated/generated.go as it is", fn.Name.Name, last)
		}
		checked++
	}
	if checked == 0 {
		t.Errorf("%s has no function to look for", last)
	}
}
