// Package changes reads the partners' change feed: every create, update and delete of a catalogue
// object, in commit order, so that a partner can mirror the catalogue incrementally.
//
// The entries are written by database triggers in the transaction of the change (migration
// 20261121212157_change_feed), so no write path can forget them. An entry names the object, not
// its content: a partner reads the object (node(id:)) for CREATE and UPDATE and drops it on DELETE.
//
// Order and completeness: on PostgreSQL each writing transaction draws a number at commit while
// holding a lock until its commit is visible, so numbers are in commit order and a reader never
// sees number n before every lower number is visible. The cursor is (number, key), and reading
// after a cursor can therefore never skip an entry that commits later. On SQLite writers take
// turns and the key alone is the order.
package changes

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/ent/change"
)

// Entry is one change of one object.
type Entry struct {
	// Cursor is where a reader resumes to see the entries after this one.
	Cursor string
	// Type is the GraphQL type of the object and ObjectID its key.
	Type     string
	ObjectID int
	// Op is CREATE, UPDATE or DELETE.
	Op string
	// At is when the change was made.
	At time.Time
}

// Page is a run of entries in commit order.
type Page struct {
	Entries []Entry
	// EndCursor is the cursor to read on from: that of the last entry, or the one read after
	// when the page is empty, so a reader can always keep it.
	EndCursor string
	// HasMore reports that more entries were already committed when the page was read.
	HasMore bool
}

// position is a place in the feed: the commit number (0 on SQLite) and the key of an entry.
type position struct{ seq, id int64 }

func (p position) cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte("changes:" + strconv.FormatInt(p.seq, 10) + ":" + strconv.FormatInt(p.id, 10)))
}

// ErrCursor is returned for a cursor this feed did not hand out.
var ErrCursor = fmt.Errorf("not a cursor of the change feed")

func parse(cursor string) (position, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return position{}, ErrCursor
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 3 || parts[0] != "changes" {
		return position{}, ErrCursor
	}
	seq, err1 := strconv.ParseInt(parts[1], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || seq < 0 || id < 0 {
		return position{}, ErrCursor
	}
	return position{seq, id}, nil
}

// Feed reads the change feed of one store.
type Feed struct {
	Client *ent.Client
	// Dialect is the store's dialect (dialect.Postgres or dialect.SQLite).
	Dialect string
}

// Read returns up to first entries after the cursor (from the start when after is empty), of the
// given types only when types is not empty.
func (f Feed) Read(ctx context.Context, after string, types []string, first int) (*Page, error) {
	from := position{}
	if after != "" {
		var err error
		if from, err = parse(after); err != nil {
			return nil, err
		}
	}
	q := f.Client.Change.Query().Limit(first + 1)
	if len(types) > 0 {
		q.Where(change.TypeIn(types...))
	}
	if f.Dialect == dialect.Postgres {
		// Entries without a number belong to transactions that have not committed yet.
		q.Where(change.SeqNotNil(), func(s *sql.Selector) {
			s.Where(sql.Or(
				sql.GT(s.C(change.FieldSeq), from.seq),
				sql.And(sql.EQ(s.C(change.FieldSeq), from.seq), sql.GT(s.C(change.FieldID), from.id)),
			))
		}).Order(ent.Asc(change.FieldSeq), ent.Asc(change.FieldID))
	} else {
		q.Where(change.IDGT(int(from.id))).Order(ent.Asc(change.FieldID))
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	page := &Page{HasMore: len(rows) > first, EndCursor: after}
	if page.HasMore {
		rows = rows[:first]
	}
	if page.EndCursor == "" {
		page.EndCursor = from.cursor()
	}
	for _, r := range rows {
		pos := position{id: int64(r.ID)}
		if r.Seq != nil {
			pos.seq = *r.Seq
		}
		page.Entries = append(page.Entries, Entry{Cursor: pos.cursor(), Type: r.Type, ObjectID: r.ObjectID, Op: r.Op.String(), At: r.At})
		page.EndCursor = pos.cursor()
	}
	return page, nil
}

// Last returns the cursor after the newest entry committed so far: reading after it returns only
// what commits later. Live subscribers start there when they name no cursor of their own.
func (f Feed) Last(ctx context.Context) (string, error) {
	q := f.Client.Change.Query().Limit(1)
	if f.Dialect == dialect.Postgres {
		q.Where(change.SeqNotNil()).Order(ent.Desc(change.FieldSeq), ent.Desc(change.FieldID))
	} else {
		q.Order(ent.Desc(change.FieldID))
	}
	r, err := q.All(ctx)
	if err != nil || len(r) == 0 {
		return position{}.cursor(), err
	}
	pos := position{id: int64(r[0].ID)}
	if r[0].Seq != nil {
		pos.seq = *r[0].Seq
	}
	return pos.cursor(), nil
}
