// Command gqlgen runs gqlgen's generator over gqlgen.yml, as `go tool gqlgen generate` would,
// with two changes to how the generated executor runs a query. `go generate ./...` calls it.
//
// gqlgen resolves every field that takes a context in a goroutine of its own, and marshals every
// element of a list of objects in a goroutine of its own. That overlaps I/O, but careergraph's
// fields do no I/O per object: edges come with their page (entgql's field collection), and
// fields that do fetch load for all siblings in one query (internal/batch). The goroutines then
// only cost CPU — most of the server's time on a page of professions with their skills. So:
//
//   - fields of objects are resolved in the goroutine that resolves the object; the fields of
//     the operation's root (several top-level queries in one document) still run concurrently;
//   - lists are marshalled by gqlexec.MarshalSlice, element after element;
//   - an object's @defer bookkeeping (which computes the object's path from the root) is done
//     only when the object has deferred fields.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"golang.org/x/tools/go/ast/astutil"
)

const gqlexecPath = "careergraph/internal/gqlexec"

func main() {
	log.SetFlags(0)
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		log.Fatal(err)
	}
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{})); err != nil {
		log.Fatal(err)
	}
	if err := rewrite(cfg.Exec.Filename, sequentialLists, deferOnlyWhenDeferred); err != nil {
		log.Fatal(err)
	}
}

// sequentialFields is a gqlgen plugin that marks every object but the operation roots as one
// whose fields are resolved one after the other.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequentialfields" }

func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !o.Root {
			o.DisableConcurrency = true
		}
	}
	return nil
}

// rewrite applies each pass to the Go file and writes it back formatted. A pass returns how
// many places it changed; none is an error, so that a gqlgen whose executor looks different is
// noticed rather than silently left as it is.
func rewrite(file string, passes ...func(*ast.File) (string, int)) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		return err
	}
	for _, pass := range passes {
		if what, n := pass(f); n == 0 {
			return fmt.Errorf("%s: found nothing to change: %s", file, what)
		}
	}
	astutil.AddImport(fset, f, gqlexecPath)
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		return err
	}
	return os.WriteFile(file, out.Bytes(), 0o644)
}

// sequentialLists replaces calls of graphql.MarshalSliceConcurrently by gqlexec.MarshalSlice.
func sequentialLists(f *ast.File) (string, int) {
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		sel, ok := node.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "MarshalSliceConcurrently" {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "graphql" {
			pkg.Name, sel.Sel.Name = "gqlexec", "MarshalSlice"
			n++
		}
		return true
	})
	return "calls of graphql.MarshalSliceConcurrently", n
}

// deferOnlyWhenDeferred puts each object's two @defer statements,
//
//	atomic.AddInt32(&ec.Deferred, int32(min(len(views), math.MaxInt32)))
//	ec.ProcessDeferredGroup(graphql.DeferredGroup{Defers: views, Path: graphql.GetPath(ctx), …})
//
// under `if len(views) > 0`. Both do nothing for an object without deferred fields, but the
// second builds the object's path first: a slice of every step from the root, for every object
// of the response.
func deferOnlyWhenDeferred(f *ast.File) (string, int) {
	guards := map[*ast.BlockStmt]bool{}
	ast.Inspect(f, func(node ast.Node) bool {
		block, ok := node.(*ast.BlockStmt)
		if !ok || guards[block] {
			return !ok
		}
		for i := 1; i < len(block.List); i++ {
			views := deferredViews(block.List[i])
			if views == nil || !isCall(block.List[i-1], "atomic", "AddInt32") {
				continue
			}
			guarded := &ast.IfStmt{
				Cond: &ast.BinaryExpr{
					X:  &ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{ast.NewIdent(views.Name)}},
					Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"},
				},
				Body: &ast.BlockStmt{List: []ast.Stmt{block.List[i-1], block.List[i]}},
			}
			block.List = append(block.List[:i-1], append([]ast.Stmt{guarded}, block.List[i+1:]...)...)
			guards[guarded.Body] = true
		}
		return true
	})
	return "calls of ec.ProcessDeferredGroup after atomic.AddInt32", len(guards)
}

// deferredViews returns the variable passed as Defers when stmt is a call of
// ec.ProcessDeferredGroup.
func deferredViews(stmt ast.Stmt) *ast.Ident {
	if !isCall(stmt, "ec", "ProcessDeferredGroup") {
		return nil
	}
	call := stmt.(*ast.ExprStmt).X.(*ast.CallExpr)
	if len(call.Args) != 1 {
		return nil
	}
	lit, ok := call.Args[0].(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Defers" {
				id, _ := kv.Value.(*ast.Ident)
				return id
			}
		}
	}
	return nil
}

// isCall reports whether stmt is a call of x.name.
func isCall(stmt ast.Stmt, x, name string) bool {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == x
}
