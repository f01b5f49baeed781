package apierr

import (
	"errors"
	"strings"

	"github.com/lib/pq"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"careergraph/ent"
)

// A violation is a database constraint that a change broke, as the driver reports it: by its
// error code, and by the constraint's name or the columns it covers, never by the wording of a
// message meant for people.
type violation struct {
	kind violationKind
	// table and columns are those of a unique constraint, when the driver names them.
	table   string
	columns []string
	// name is the constraint's name: PostgreSQL's for every kind, SQLite's for a check.
	name string
}

type violationKind int

const (
	otherViolation violationKind = iota
	uniqueViolation
	foreignKeyViolation
	checkViolation
)

// violationOf reads the violation behind err, from PostgreSQL's SQLSTATE and constraint name, or
// from SQLite's extended result code and the subject of its message (the columns of a unique
// constraint, the name of a check, which SQLite reports nowhere else).
func violationOf(err error) violation {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		v := violation{name: pqErr.Constraint}
		switch pqErr.Code {
		case "23505": // unique_violation
			v.kind, v.table = uniqueViolation, pqErr.Table
			// PostgreSQL names a column's UNIQUE constraint <table>_<column>_key.
			if c, ok := strings.CutPrefix(pqErr.Constraint, pqErr.Table+"_"); ok {
				if c, ok := strings.CutSuffix(c, "_key"); ok {
					v.columns = []string{c}
				}
			}
		case "23503": // foreign_key_violation
			v.kind = foreignKeyViolation
		case "23514": // check_violation
			v.kind = checkViolation
		}
		return v
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		// SQLite's message is "<KIND> constraint failed: <subject>"; modernc adds " (<code>)".
		_, subject, _ := strings.Cut(sqliteErr.Error(), " constraint failed: ")
		if i := strings.LastIndex(subject, " ("); i >= 0 {
			subject = subject[:i]
		}
		switch sqliteErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			v := violation{kind: uniqueViolation}
			for _, tc := range strings.Split(subject, ", ") {
				table, column, ok := strings.Cut(tc, ".")
				if !ok {
					return violation{kind: uniqueViolation}
				}
				v.table, v.columns = table, append(v.columns, column)
			}
			return v
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return violation{kind: foreignKeyViolation}
		case sqlite3.SQLITE_CONSTRAINT_CHECK:
			return violation{kind: checkViolation, name: subject}
		}
	}
	return violation{}
}

// takenBy says, per table and column of a unique constraint, what a taken value means to a
// person; other unique columns are "this <field> is already taken".
var takenBy = map[[2]string]string{
	{"users", "email"}:     "a staff account with this e-mail address already exists",
	{"api_keys", "prefix"}: "an API key with this prefix already exists",
}

// brokenRule says, per check constraint, which rule of the data a change would break.
var brokenRule = map[string]string{
	"training_sessions_seats_within_capacity": "the session's seats left would fall below zero or exceed its capacity",
}

// constraint explains a violated database constraint: a taken unique value is a CONFLICT naming
// its field; a missing referenced object, or one still referenced, is a CONFLICT too.
func constraint(e *ent.ConstraintError) *Error {
	v := violationOf(e)
	switch v.kind {
	case uniqueViolation:
		if len(v.columns) != 1 {
			return New(Conflict, "an object with these values already exists")
		}
		f := FieldName(v.columns[0])
		c := New(Conflict, "this %s is already taken", f)
		if say, ok := takenBy[[2]string{v.table, v.columns[0]}]; ok {
			c = New(Conflict, "%s", say)
		}
		c.Field = f
		return c
	case foreignKeyViolation:
		return New(Conflict, "the change refers to an object that does not exist, or removes one that others still refer to")
	case checkViolation:
		if say, ok := brokenRule[v.name]; ok {
			return New(Conflict, "%s", say)
		}
		return New(Conflict, "the change would break a rule of the data")
	}
	return New(Conflict, "the change conflicts with existing data")
}
