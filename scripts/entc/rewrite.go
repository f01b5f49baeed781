package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// rewrite changes the client that entc wrote into dir. ent and entgql offer a hook for none of
// these changes: each is a line inside a template block of theirs (entgql's gql_collection, 340
// lines, gql_pagination and its helper gql_pagination/helper/paginate, 50, ent's
// dialect/sql/query, 360), which a template of ours could only override by carrying a copy of the
// whole block, which a new version of theirs would then leave silently out of date. Each change fails when it finds nothing to change, and the golden tests of
// rewrite_test.go show what each makes of a fixed snippet of their output.
func rewrite(dir string) error {
	at := func(name string) string { return filepath.Join(dir, name) }
	for _, change := range []func() error{
		// entgql counts the matching rows whenever pageInfo is asked for.
		func() error { return countOnlyForTotalCount(at("gql_pagination.go")) },
		// Nested pages without the edge query's own ORDER BY (ent/template/limit_per_row.tmpl).
		func() error {
			return replaceAll(at("gql_collection.go"), "entgql.LimitPerRow(", "limitPerRow(query.ctx, &query.perParent, ")
		},
		// Keyset cursors that an index can start from (ent/template/cursors.tmpl).
		func() error {
			return replaceAll(at("gql_pagination.go"), "entgql.MultiCursorsPredicate(", "cursorsPredicate(")
		},
		// Computed fields select the columns they read, not every column (ent/template/read_by.tmpl).
		func() error { return collectReadBy(at("gql_collection.go")) },
		// Eager loaders by foreign key: one array parameter, no second publication check.
		func() error { return loadByArrays(at("*_query.go")) },
		// Many-to-many edges given to each parent in the order of the rows.
		func() error { return joinedInRowOrder(at("*_query.go")) },
		// Eager loaders through join tables tell the nested pager their parents.
		func() error { return loadJoinedPerParent(at("*_query.go")) },
		// The other lists of parent IDs as one array parameter.
		func() error { return listsAsArrays(at("*_query.go"), at("gql_collection.go")) },
	} {
		if err := change(); err != nil {
			return err
		}
	}
	return nil
}

// collectReadBy makes field collection select the columns that a computed field reads, as
// ent/schema declares them with ReadBy (ent/template/read_by.tmpl), where entgql reads every
// column of the type for any field it cannot map to one.
func collectReadBy(file string) error {
	const (
		unknown = "default:\n\t\t\tunknownSeen = true\n"
		known   = "default:\n\t\t\tif !selectReadBy(_q.readBy(field.Name), &selectedFields, fieldSeen) {\n\t\t\t\tunknownSeen = true\n\t\t\t}\n"
	)
	return replaceAll(file, unknown, known)
}

// loadByArrays points the eager loaders by foreign key of the files matching pattern at valuesIn
// (ent/template/values_in.tmpl): the queries that load the edges of a page of nodes name the
// page's IDs in one array parameter on PostgreSQL, as the loaders by ID do through <Type>.IDIn.
// They also run their query in shownParents (ent/template/shown_parents.tmpl), so that the
// publication filter does not check again the nodes whose edges they load.
func loadByArrays(pattern string) error {
	byForeignKey := regexp.MustCompile(`sql\.InValues\(s\.C\((\w+\.\w+)\), fks\.\.\.\)\)\n\t\}\)\)\n\tneighbors, err := query\.All\(ctx\)`)
	n, err := replaceRegexp(byForeignKey, "parentsIn(s, query.perParent, s.C($1), fks))\n\t}))\n\tneighbors, err := query.All(shownParents(ctx, query, query.ctx, $1, fks))", pattern)
	if err == nil && n == 0 {
		err = fmt.Errorf("%s: no eager loader by foreign key", pattern)
	}
	return err
}

// joinedInRowOrder makes the eager loaders of many-to-many edges give each parent its edges in
// the order of the rows that link them, which is the order of the parent's page. ent's loader
// gives them in the order in which each edge first appears among all the rows: when two parents
// share an edge, the second parent got it where the first one's page put it, so a nested page
// could come out of order (a profession's trainings by title, A, C, B, when another profession
// on the page listed C first).
func joinedInRowOrder(pattern string) error {
	changes := []struct {
		re   *regexp.Regexp
		repl string
	}{
		{regexp.MustCompile(`(\n\tnids := make\(map\[int\]map\[\*\w+\]struct\{\}\))\n`),
			"$1\n\tvar links [][2]int // (parent, edge) in the order of the rows\n"},
		{regexp.MustCompile(`(\n\t+inValue := int\(values\[1\]\.\(\*sql\.NullInt64\)\.Int64\))\n`),
			"$1\n\t\t\t\tlinks = append(links, [2]int{outValue, inValue})\n"},
		{regexp.MustCompile(`\tfor _, n := range neighbors \{\n\t\tnodes, ok := nids\[n\.ID\]\n\t\tif !ok \{\n(\t\t\treturn fmt\.Errorf\([^\n]*\n)\t\t\}\n\t\tfor kn := range nodes \{\n\t\t\tassign\(kn, n\)\n\t\t\}\n\t\}\n`),
			"\tat := make(map[int]int, len(neighbors))\n\tfor i, n := range neighbors {\n\t\tif _, ok := nids[n.ID]; !ok {\n$1\t\t}\n\t\tat[n.ID] = i\n\t}\n\tfor _, l := range links {\n\t\tif i, ok := at[l[1]]; ok {\n\t\t\tassign(byID[l[0]], neighbors[i])\n\t\t}\n\t}\n"},
	}
	counts := make([]int, len(changes))
	for i, c := range changes {
		n, err := replaceRegexp(c.re, c.repl, pattern)
		if err != nil {
			return err
		}
		counts[i] = n
	}
	if counts[0] == 0 || counts[1] != counts[0] || counts[2] != counts[0] {
		return fmt.Errorf("%s: many-to-many loaders changed in %v places, want the same number for each change and at least one", pattern, counts)
	}
	return nil
}

// loadJoinedPerParent makes the eager loaders of many-to-many edges (through a join table) run
// their query in withParents (ent/template/shown_parents.tmpl), so that a nested page of the
// edge is read parent by parent (limitPerRow) rather than numbered with a window over every
// child of every parent. They keep their own condition on the parents' IDs, which the join
// table's index on the parent column serves either way.
func loadJoinedPerParent(pattern string) error {
	loader := regexp.MustCompile(`(?s)(sql\.InValues\(joinT\.C\(([\w.\[\]]+)\), edgeIDs\.\.\.\)\).*?neighbors, err := withInterceptors\[\[\]\*\w+\]\()ctx(, query, qr, query\.inters\))`)
	n, err := replaceRegexp(loader, "${1}withParents(ctx, query.ctx, ${2}, edgeIDs)${3}", pattern)
	if err == nil && n == 0 {
		err = fmt.Errorf("%s: no eager loader through a join table", pattern)
	}
	return err
}

// listsAsArrays points the other lists of parent IDs in the generated loaders at valuesIn: those
// of the loaders of many-to-many edges, through their join tables (*_query.go), and those of the
// totalCount of nested connections (gql_collection.go).
func listsAsArrays(patterns ...string) error {
	list := regexp.MustCompile(`sql\.InValues\(((?:s|joinT)\.C\([\w.\[\]]+\)), (edgeIDs|ids)\.\.\.\)`)
	n, err := replaceRegexp(list, "valuesIn($1, $2)", patterns...)
	if err == nil && n == 0 {
		err = fmt.Errorf("%v: no list of parent IDs", patterns)
	}
	return err
}

// replaceRegexp replaces re by repl (as regexp.ReplaceAll) in the files matching patterns and returns
// how many matches it replaced.
func replaceRegexp(re *regexp.Regexp, repl string, patterns ...string) (int, error) {
	n := 0
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			return n, err
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				return n, err
			}
			found := len(re.FindAll(src, -1))
			if found == 0 {
				continue
			}
			n += found
			if err := os.WriteFile(file, re.ReplaceAll(src, []byte(repl)), 0o644); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// countOnlyForTotalCount changes entgql's Paginate methods so that they count the matching rows
// when totalCount is asked for (or pageInfo without edges), not whenever pageInfo is: with edges,
// Paginate sets hasNextPage and hasPreviousPage from the page itself (it reads one row more
// than asked) and drops what the count told. Every listing that asks for pageInfo, as a pager
// does, paid for a COUNT over all the rows its filter matches. A version of entgql whose
// output no longer has the line is reported, not skipped.
func countOnlyForTotalCount(file string) error {
	const (
		counts = "if hasCollectedField(ctx, totalCountField) || hasCollectedField(ctx, pageInfoField) {"
		needed = "if hasCollectedField(ctx, totalCountField) || (ignoredEdges && hasCollectedField(ctx, pageInfoField)) {"
	)
	return replaceAll(file, counts, needed)
}

// replaceAll replaces old by new in the generated file; it is an error when old is not there,
// so that a version of ent or entgql that generates other code is noticed.
func replaceAll(file, old, new string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if !bytes.Contains(src, []byte(old)) {
		return fmt.Errorf("%s: no %q to change", file, old)
	}
	return os.WriteFile(file, bytes.ReplaceAll(src, []byte(old), []byte(new)), 0o644)
}
