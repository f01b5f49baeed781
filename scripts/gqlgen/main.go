// Command gqlgen runs gqlgen's generator over gqlgen.yml, as `go tool gqlgen generate` would,
// with changes to how the generated executor runs a query. `go generate ./...` calls it.
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
//     only when the object has deferred fields;
//   - a field that only reads a scalar struct field of its object is marshalled directly, without
//     the field context, middleware call and panic guard such a read cannot use, in operations
//     whose field middleware wants to see only fields with resolvers (gqlexec.DirectScalars);
//   - an object is written by gqlexec.Object, which does not allocate per field as gqlgen's
//     FieldSet.MarshalGQL does;
//   - an object whose fields are resolved in place keeps their values in a gqlexec.Fields on
//     the stack, not in a graphql.FieldSet on the heap, and allocates no @defer state when
//     none of its fields can be deferred;
//   - a field's arguments, and the fields of a selection set for a type, are worked out once
//     per operation (gqlexec.Operation), not again for each object resolved there.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"slices"
	"strings"

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
	skip := flag.String("skip", "", "comma-separated names of changes to leave out, to measure what each is worth "+
		"(sequentialFields and the passes: "+strings.Join(passNames(), ", ")+"); the result is not for committing")
	flag.Parse()
	left := strings.Split(*skip, ",")
	var plugins []api.Option
	if !slices.Contains(left, "sequentialFields") {
		plugins = append(plugins, api.AddPlugin(sequentialFields{}))
	}
	if err := api.Generate(cfg, plugins...); err != nil {
		log.Fatal(err)
	}
	var kept []func(*ast.File) (string, int)
	for _, p := range passes {
		if !slices.Contains(left, p.name) {
			kept = append(kept, p.run)
		}
	}
	if err := rewrite(cfg.Exec.Filename, kept...); err != nil {
		log.Fatal(err)
	}
}

// passes are the rewrites of the generated executor, in the order they run. gqlgen offers no
// hook for any of them: its executor templates are built in, and neither gqlgen.yml nor a plugin
// (which sees codegen.Data, not the templates) can change what they write. The line above each
// says why it is there and what leaving it out costs per request on the page it helps most
// (BenchmarkPages in internal/httpapi: median server CPU of three runs, against the page's total
// CPU with PostgreSQL's; BENCHMARKS.md, "Rewrites of generated code", has every page and the
// allocations). A pass worth under 5 % of every page's total goes.
var passes = []struct {
	name string
	run  func(*ast.File) (string, int)
}{
	// No goroutine per list element (worker_limit still starts them): 2.46 ms of 7.5 on the listing, 33 %.
	{"sequentialLists", sequentialLists},
	// No @defer path for objects without deferred fields: 2.06 ms of 7.5 on the listing, 28 % (with the last).
	{"deferOnlyWhenDeferred", deferOnlyWhenDeferred},
	// No field context for plain reads nobody watches: 1.29 ms of 7.5 on the listing, 17 %.
	{"directScalars", directScalars},
	// No heap copy and alias map per object written: 1.98 ms of 7.5 on the listing, 26 % (with the next).
	{"objectWriter", objectWriter},
	// No heap FieldSet for objects resolved in place: 0.30 ms of 2.6 on a profession page, 12 %.
	{"fieldsOnStack", fieldsOnStack},
	// No @defer state where no field can be deferred: 0.17 ms of 2.6 on a profession page, 7 %.
	{"deferStateOnlyWhenUsed", deferStateOnlyWhenUsed},
	// Arguments and fields worked out once per place of the document, not per object: 0.08–0.21
	// ms of 1.6–1.8 on a profession page at 8 requests in flight (two builds taking turns, both
	// ways round), 5–11 %.
	{"perOperation", perOperation},
}

func passNames() []string {
	var names []string
	for _, p := range passes {
		names = append(names, p.name)
	}
	return names
}

// sequentialFields is a gqlgen plugin that marks every object but the operation roots as one
// whose fields are resolved one after the other: gqlgen's own hook for it (codegen.Object's
// DisableConcurrency), not a rewrite. Gain: 0.26 ms of 2.6 on a profession page (10 %), 14 % of
// the listing's allocations.
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

// rewrite applies each pass to the Go file and writes it back formatted.
func rewrite(file string, passes ...func(*ast.File) (string, int)) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out, err := apply(file, src, passes...)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, 0o644)
}

// apply applies each pass to src, the Go file named file, and returns it formatted. A pass
// returns how many places it changed; none is an error, so that a gqlgen whose executor looks
// different is noticed rather than silently left as it is.
func apply(file string, src []byte, passes ...func(*ast.File) (string, int)) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	for _, pass := range passes {
		if what, n := pass(f); n == 0 {
			return nil, fmt.Errorf("%s: found nothing to change: %s", file, what)
		}
	}
	astutil.AddImport(fset, f, gqlexecPath)
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
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
	return ok && isSelector(call.Fun, x, name)
}

// directScalars rewrites each field function of the form
//
//	return graphql.ResolveField(ctx, ec.OperationContext, field, fieldContext,
//		func(ctx context.Context) (any, error) { return obj.Name, nil },
//		nil, func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
//			return ec.marshalNString2string(ctx, selections, v)
//		}, true, true)
//
// so that it starts with `if gqlexec.Direct(ec.OperationContext) { return
// ec.marshalNString2string(ctx, field.Selections, obj.Name) }`: in an operation whose field
// middleware wants to see only the fields with resolvers (gqlexec.DirectScalars), the field is
// marshalled without its field context, middleware call and panic guard; in any other, it takes
// gqlgen's path, so that every field middleware sees it. That is done where the marshaller
// cannot report an error (which would need the field's path): for non-null strings, booleans,
// integers (IDs included) and the enums of ent/schema/enum, which it never marshals to null; for
// nullable pointers to those and to times, whose null is no error; and for non-null times that
// are not zero (a zero time is null, an error: `&& !obj.Name.IsZero()` joins the condition).
// Floats (null when not finite) keep gqlgen's path.
func directScalars(f *ast.File) (string, int) {
	n := 0
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil || len(fn.Body.List) != 1 {
			continue
		}
		ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		call, ok := ret.Results[0].(*ast.CallExpr)
		if !ok || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 {
			continue
		}
		if id, ok := call.Args[5].(*ast.Ident); !ok || id.Name != "nil" { // field middleware of its own
			continue
		}
		read := structRead(call.Args[4])
		marshal, valueType := scalarMarshaller(call.Args[6])
		if read == nil || marshal == nil {
			continue
		}
		var cond ast.Expr = &ast.CallExpr{
			Fun:  &ast.SelectorExpr{X: ast.NewIdent("gqlexec"), Sel: ast.NewIdent("Direct")},
			Args: []ast.Expr{&ast.SelectorExpr{X: ast.NewIdent("ec"), Sel: ast.NewIdent("OperationContext")}},
		}
		nullable := strings.HasPrefix(marshal.Sel.Name, "marshalO")
		switch star, isPointer := valueType.(*ast.StarExpr); {
		case !nullable && neverNull(valueType):
		case nullable && isPointer && (neverNull(star.X) || isSelector(star.X, "time", "Time")):
		case !nullable && isSelector(valueType, "time", "Time"):
			cond = &ast.BinaryExpr{X: cond, Op: token.LAND, Y: &ast.UnaryExpr{Op: token.NOT, X: &ast.CallExpr{
				Fun: &ast.SelectorExpr{X: &ast.SelectorExpr{X: ast.NewIdent("obj"), Sel: ast.NewIdent(read.Sel.Name)}, Sel: ast.NewIdent("IsZero")},
			}}}
		default:
			continue
		}
		direct := &ast.ReturnStmt{Results: []ast.Expr{&ast.CallExpr{
			Fun: &ast.SelectorExpr{X: ast.NewIdent("ec"), Sel: ast.NewIdent(marshal.Sel.Name)},
			Args: []ast.Expr{
				ast.NewIdent("ctx"),
				&ast.SelectorExpr{X: ast.NewIdent("field"), Sel: ast.NewIdent("Selections")},
				&ast.SelectorExpr{X: ast.NewIdent("obj"), Sel: ast.NewIdent(read.Sel.Name)},
			},
		}}}
		fn.Body.List = []ast.Stmt{&ast.IfStmt{Cond: cond, Body: &ast.BlockStmt{List: []ast.Stmt{direct}}}, ret}
		n++
	}
	return "field functions reading a scalar of obj", n
}

// structRead returns obj.X when e is `func(ctx context.Context) (any, error) { return obj.X, nil }`.
func structRead(e ast.Expr) *ast.SelectorExpr {
	lit, ok := e.(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 {
		return nil
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 2 {
		return nil
	}
	if id, ok := ret.Results[1].(*ast.Ident); !ok || id.Name != "nil" {
		return nil
	}
	sel, ok := ret.Results[0].(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if obj, ok := sel.X.(*ast.Ident); !ok || obj.Name != "obj" {
		return nil
	}
	return sel
}

// scalarMarshaller returns ec.marshalX and the type of v when e is
// `func(ctx context.Context, selections ast.SelectionSet, v T) graphql.Marshaler { return ec.marshalX(ctx, selections, v) }`.
func scalarMarshaller(e ast.Expr) (*ast.SelectorExpr, ast.Expr) {
	lit, ok := e.(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 || len(lit.Type.Params.List) != 3 {
		return nil, nil
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, nil
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || len(call.Args) != 3 {
		return nil, nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(sel.Sel.Name, "marshalN") && !strings.HasPrefix(sel.Sel.Name, "marshalO") {
		return nil, nil
	}
	if ec, ok := sel.X.(*ast.Ident); !ok || ec.Name != "ec" {
		return nil, nil
	}
	return sel, lit.Type.Params.List[2].Type
}

// neverNull reports whether gqlgen marshals every value of type t to something other than null.
func neverNull(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.Ident:
		switch t.Name {
		case "string", "bool", "int", "int32", "int64":
			return true
		}
	case *ast.SelectorExpr:
		return isSelector(t, "enum", t.Sel.Name)
	}
	return false
}

// objectWriter makes each object's marshal function end in
// `return gqlexec.Object(fields, out.Values)` instead of `return out`, where out is the
// object's graphql.FieldSet over fields.
func objectWriter(f *ast.File) (string, int) {
	n := 0
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil || len(fn.Body.List) == 0 || !buildsFieldSet(fn.Body) {
			continue
		}
		last, ok := fn.Body.List[len(fn.Body.List)-1].(*ast.ReturnStmt)
		if !ok || len(last.Results) != 1 {
			continue
		}
		if id, ok := last.Results[0].(*ast.Ident); !ok || id.Name != "out" {
			continue
		}
		last.Results[0] = &ast.CallExpr{
			Fun: &ast.SelectorExpr{X: ast.NewIdent("gqlexec"), Sel: ast.NewIdent("Object")},
			Args: []ast.Expr{ast.NewIdent("fields"),
				&ast.SelectorExpr{X: ast.NewIdent("out"), Sel: ast.NewIdent("Values")}},
		}
		n++
	}
	return "object functions returning their FieldSet", n
}

// buildsFieldSet reports whether body starts out with `out := graphql.NewFieldSet(fields)`.
func buildsFieldSet(body *ast.BlockStmt) bool {
	for _, stmt := range body.List {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			continue
		}
		lhs, ok := as.Lhs[0].(*ast.Ident)
		call, isCall := as.Rhs[0].(*ast.CallExpr)
		if ok && isCall && lhs.Name == "out" && isSelector(call.Fun, "graphql", "NewFieldSet") &&
			len(call.Args) == 1 {
			if arg, ok := call.Args[0].(*ast.Ident); ok && arg.Name == "fields" {
				return true
			}
		}
	}
	return false
}

// isSelector reports whether e is x.name.
func isSelector(e ast.Expr, x, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == x
}

// isIdent reports whether e is the identifier name.
func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// fieldsOnStack rewrites each object function that resolves its fields in place (it has no
// `out.Concurrently`): `out := graphql.NewFieldSet(fields)` becomes
// `out := gqlexec.Fields{Values: make([]graphql.Marshaler, len(fields))}`, and `out.Dispatch(ctx)`,
// which has nothing to run, goes. The FieldSet, with its mutex and its lists for concurrent and
// deferred fields, was allocated for every object of the response.
func fieldsOnStack(f *ast.File) (string, int) {
	n := 0
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil || !buildsFieldSet(fn.Body) || !onlyUses(fn.Body, "out", "Values", "Invalids", "Dispatch") {
			continue
		}
		kept := fn.Body.List[:0]
		for _, stmt := range fn.Body.List {
			if isCall(stmt, "out", "Dispatch") {
				continue
			}
			if as, ok := stmt.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && isIdent(as.Lhs[0], "out") && as.Tok == token.DEFINE {
				as.Rhs[0] = &ast.CompositeLit{
					Type: &ast.SelectorExpr{X: ast.NewIdent("gqlexec"), Sel: ast.NewIdent("Fields")},
					Elts: []ast.Expr{&ast.KeyValueExpr{Key: ast.NewIdent("Values"), Value: &ast.CallExpr{
						Fun: ast.NewIdent("make"),
						Args: []ast.Expr{
							&ast.ArrayType{Elt: &ast.SelectorExpr{X: ast.NewIdent("graphql"), Sel: ast.NewIdent("Marshaler")}},
							&ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{ast.NewIdent("fields")}},
						},
					}}},
				}
			}
			kept = append(kept, stmt)
		}
		fn.Body.List = kept
		n++
	}
	return "object functions resolving their fields in place", n
}

// onlyUses reports whether every use of the variable name in body, but its definition, selects
// one of the given fields or methods.
func onlyUses(body *ast.BlockStmt, name string, selectors ...string) bool {
	allowed := map[*ast.Ident]bool{}
	ast.Inspect(body, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.SelectorExpr:
			if id, ok := node.X.(*ast.Ident); ok && id.Name == name && slices.Contains(selectors, node.Sel.Name) {
				allowed[id] = true
			}
		case *ast.AssignStmt:
			if len(node.Lhs) == 1 && node.Tok == token.DEFINE {
				if id, ok := node.Lhs[0].(*ast.Ident); ok && id.Name == name {
					allowed[id] = true
				}
			}
		}
		return true
	})
	only := true
	ast.Inspect(body, func(node ast.Node) bool {
		if id, ok := node.(*ast.Ident); ok && id.Name == name && !allowed[id] {
			only = false
		}
		return only
	})
	return only
}

// deferStateOnlyWhenUsed declares an object's @defer state,
//
//	deferredFieldSet := graphql.NewFieldSet(nil)
//	deferLabelToView := make(map[string]*graphql.FieldSetView)
//
// without allocating it (a nil FieldSet and a nil map) when nothing but the block guarded by
// `len(deferLabelToView) > 0` (deferOnlyWhenDeferred) reads it: none of the object's fields can
// then be deferred, the map stays empty and the block never runs.
func deferStateOnlyWhenUsed(f *ast.File) (string, int) {
	n := 0
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		var set, views *ast.AssignStmt
		for _, stmt := range fn.Body.List {
			as, ok := stmt.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || as.Tok != token.DEFINE {
				continue
			}
			switch {
			case isIdent(as.Lhs[0], "deferredFieldSet"):
				set = as
			case isIdent(as.Lhs[0], "deferLabelToView"):
				views = as
			}
		}
		if set == nil || views == nil || usedOutsideGuard(fn.Body, set, views) {
			continue
		}
		set.Rhs[0] = &ast.CallExpr{
			Fun:  &ast.ParenExpr{X: &ast.StarExpr{X: &ast.SelectorExpr{X: ast.NewIdent("graphql"), Sel: ast.NewIdent("FieldSet")}}},
			Args: []ast.Expr{ast.NewIdent("nil")},
		}
		views.Rhs[0] = &ast.CallExpr{
			Fun:  &ast.ParenExpr{X: &ast.MapType{Key: ast.NewIdent("string"), Value: &ast.StarExpr{X: &ast.SelectorExpr{X: ast.NewIdent("graphql"), Sel: ast.NewIdent("FieldSetView")}}}},
			Args: []ast.Expr{ast.NewIdent("nil")},
		}
		n++
	}
	return "objects without deferrable fields", n
}

// usedOutsideGuard reports whether deferredFieldSet or deferLabelToView appears in body outside
// their definitions and the `if len(deferLabelToView) > 0` block.
func usedOutsideGuard(body *ast.BlockStmt, defs ...ast.Node) bool {
	used := false
	ast.Inspect(body, func(node ast.Node) bool {
		if slices.Contains(defs, node) {
			return false
		}
		if is, ok := node.(*ast.IfStmt); ok && isDeferGuard(is.Cond) {
			return false
		}
		if id, ok := node.(*ast.Ident); ok && (id.Name == "deferredFieldSet" || id.Name == "deferLabelToView") {
			used = true
		}
		return !used
	})
	return used
}

// isDeferGuard reports whether e is `len(deferLabelToView) > 0`.
func isDeferGuard(e ast.Expr) bool {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.GTR {
		return false
	}
	call, ok := b.X.(*ast.CallExpr)
	return ok && isIdent(call.Fun, "len") && len(call.Args) == 1 && isIdent(call.Args[0], "deferLabelToView")
}

// perOperation gives the executor a gqlexec.Operation and has the field contexts take their
// arguments, and the objects their fields, from it:
// ec.field_T_f_args(ctx, field.ArgumentMap(ec.Variables)) becomes
// ec.op.Args(ctx, field, ec.Variables, ec.field_T_f_args), and
// graphql.CollectFields(ec.OperationContext, sel, tImplementors) becomes
// ec.op.Fields(ec.OperationContext, sel, tImplementors).
func perOperation(f *ast.File) (string, int) {
	what := "the executor's state, field contexts parsing arguments and objects collecting fields"
	state, args, fields := false, 0, 0
	op := func(method string) ast.Expr {
		return &ast.SelectorExpr{X: &ast.SelectorExpr{X: ast.NewIdent("ec"), Sel: ast.NewIdent("op")}, Sel: ast.NewIdent(method)}
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || ts.Name.Name != "executionContext" {
					continue
				}
				if st, ok := ts.Type.(*ast.StructType); ok {
					st.Fields.List = append(st.Fields.List, &ast.Field{
						Names: []*ast.Ident{ast.NewIdent("op")},
						Type:  &ast.SelectorExpr{X: ast.NewIdent("gqlexec"), Sel: ast.NewIdent("Operation")},
					})
					state = true
				}
			}
		case *ast.FuncDecl:
			if d.Body == nil || d.Recv == nil || len(d.Recv.List) != 1 || len(d.Recv.List[0].Names) != 1 || d.Recv.List[0].Names[0].Name != "ec" {
				continue
			}
			inFieldContext := strings.HasPrefix(d.Name.Name, "fieldContext_")
			astutil.Apply(d.Body, func(c *astutil.Cursor) bool {
				call, ok := c.Node().(*ast.CallExpr)
				if !ok {
					return true
				}
				if isSelector(call.Fun, "graphql", "CollectFields") && len(call.Args) == 3 &&
					isSelector(call.Args[0], "ec", "OperationContext") && isIdent(call.Args[1], "sel") {
					call.Fun = op("Fields")
					fields++
					return true
				}
				if !inFieldContext || len(call.Args) != 2 || !isIdent(call.Args[0], "ctx") {
					return true
				}
				parse, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !isIdent(parse.X, "ec") || !strings.HasPrefix(parse.Sel.Name, "field_") || !strings.HasSuffix(parse.Sel.Name, "_args") {
					return true
				}
				raw, ok := call.Args[1].(*ast.CallExpr)
				if !ok || !isSelector(raw.Fun, "field", "ArgumentMap") || len(raw.Args) != 1 || !isSelector(raw.Args[0], "ec", "Variables") {
					return true
				}
				c.Replace(&ast.CallExpr{Fun: op("Args"), Args: []ast.Expr{ast.NewIdent("ctx"), ast.NewIdent("field"),
					&ast.SelectorExpr{X: ast.NewIdent("ec"), Sel: ast.NewIdent("Variables")}, parse}})
				args++
				return false
			}, nil)
		}
	}
	if !state || args == 0 || fields == 0 {
		return what, 0
	}
	return what, args + fields
}
