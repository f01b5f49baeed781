// Package sqlarray writes "column IN (values)" for ent's SQL builder with one array parameter on
// PostgreSQL, column = ANY($1), where ent writes a parameter per value, IN ($1, …, $n). The
// statement's text is then the same whatever the number of values, so that each connection
// prepares it once (internal/store/pgstmt) rather than once per length of the list, and the
// server parses and binds one parameter instead of hundreds. Other dialects get ent's IN list.
//
// Lists of integers and of strings (IDs, slugs, enum values) become arrays; other values (times)
// keep ent's IN list. A single value keeps it too: column IN ($1) lets the planner see one value,
// and the statements that take one value are few.
package sqlarray

import (
	"database/sql/driver"
	"reflect"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
)

// In is sql.In(column, vs...): column = ANY($1) on PostgreSQL.
func In[T any](column string, vs ...T) *sql.Predicate {
	return anyOf(column, vs, " = ANY(", sql.In)
}

// NotIn is sql.NotIn(column, vs...): column <> ALL($1) on PostgreSQL, which like NOT IN is
// neither true nor false when column is NULL.
func NotIn[T any](column string, vs ...T) *sql.Predicate {
	return anyOf(column, vs, " <> ALL(", sql.NotIn)
}

// FieldIn is sql.FieldIn(name, vs...), the predicate ent generates for <Field>In: In on the
// selector's column.
func FieldIn[T any](name string, vs ...T) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(In(s.C(name), vs...)) }
}

// FieldNotIn is sql.FieldNotIn(name, vs...), the predicate ent generates for <Field>NotIn.
func FieldNotIn[T any](name string, vs ...T) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(NotIn(s.C(name), vs...)) }
}

// anyOf writes column op array) on PostgreSQL when vs makes an array, list(column, vs...)
// otherwise.
func anyOf[T any](column string, vs []T, op string, list func(string, ...any) *sql.Predicate) *sql.Predicate {
	values := func() []any {
		out := make([]any, len(vs))
		for i, v := range vs {
			out[i] = v
		}
		return out
	}
	if len(vs) < 2 {
		return list(column, values()...)
	}
	return sql.P(func(b *sql.Builder) {
		if b.Dialect() == dialect.Postgres {
			if a, ok := array(vs); ok {
				b.Ident(column).WriteString(op).Arg(a).WriteString(")")
				return
			}
		}
		b.Join(list(column, values()...))
	})
}

// array returns vs as a PostgreSQL array parameter, when its values are all integers or all
// strings (of named types too, such as enums, as their driver.Valuer gives them if they have one).
func array[T any](vs []T) (driver.Valuer, bool) {
	switch vs := any(vs).(type) {
	case []int64:
		return pq.Int64Array(vs), true
	case []string:
		return pq.StringArray(vs), true
	case []int:
		ints := make(pq.Int64Array, len(vs))
		for i, v := range vs {
			ints[i] = int64(v)
		}
		return ints, true
	}
	var (
		ints pq.Int64Array
		strs pq.StringArray
	)
	for _, v := range vs {
		var x any = v
		switch v := x.(type) { // ent's eager loaders pass their IDs as []driver.Value.
		case int:
			ints = append(ints, int64(v))
			continue
		case int64:
			ints = append(ints, v)
			continue
		}
		if vr, ok := x.(driver.Valuer); ok {
			var err error
			if x, err = vr.Value(); err != nil {
				return nil, false
			}
		}
		switch rv := reflect.ValueOf(x); rv.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			ints = append(ints, rv.Int())
		case reflect.String:
			strs = append(strs, rv.String())
		default:
			return nil, false
		}
	}
	switch {
	case len(ints) == len(vs):
		return ints, true
	case len(strs) == len(vs):
		return strs, true
	}
	return nil, false
}
