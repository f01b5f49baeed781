package store

import (
	"context"
	"database/sql"

	entsql "entgo.io/ent/dialect/sql"
)

// columnTypesOnce is ent's driver with result sets that work their column types out once.
//
// ent asks a result set for its column types on every row that has a column it has no type
// for, such as the skill_name a profession's links carry when they are ordered by their skill's
// name, and database/sql builds the list afresh at each call. For the 500 links of a page of 50
// professions that was 6% of the server's CPU and a twentieth of what it allocated.
//
// ent's schema tools (atlas) expect database/sql's own result sets from the driver; they run
// through Store.Schema, on the plain driver.
type columnTypesOnce struct{ *entsql.Driver }

// Query runs the query as ent's driver does and hands ent result sets that keep their column
// types.
func (d columnTypesOnce) Query(ctx context.Context, query string, args, v any) error {
	if err := d.Driver.Query(ctx, query, args, v); err != nil {
		return err
	}
	if rows, ok := v.(*entsql.Rows); ok && rows.ColumnScanner != nil {
		rows.ColumnScanner = &keptColumnTypes{ColumnScanner: rows.ColumnScanner}
	}
	return nil
}

// keptColumnTypes is a result set that remembers the column types of its current result.
type keptColumnTypes struct {
	entsql.ColumnScanner
	types []*sql.ColumnType
	err   error
	known bool
}

func (k *keptColumnTypes) ColumnTypes() ([]*sql.ColumnType, error) {
	if !k.known {
		k.types, k.err = k.ColumnScanner.ColumnTypes()
		k.known = true
	}
	return k.types, k.err
}

// NextResultSet moves to the next result, whose columns are its own.
func (k *keptColumnTypes) NextResultSet() bool {
	k.known = false
	return k.ColumnScanner.NextResultSet()
}
