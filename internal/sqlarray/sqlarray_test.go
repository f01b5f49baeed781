package sqlarray_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/lib/pq"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/sqlarray"
	"careergraph/internal/testing/testdb"
)

func TestListsAreOneArrayOnPostgres(t *testing.T) {
	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		pred     *sql.Predicate
		dialect  string
		want     string
		wantArgs []any
	}{
		{"IntsOnPostgres", sqlarray.In("id", 3, 1, 2), dialect.Postgres, `"id" = ANY($1)`, []any{pq.Int64Array{3, 1, 2}}},
		{"IntsOnSQLite", sqlarray.In("id", 3, 1, 2), dialect.SQLite, "`id` IN (?, ?, ?)", []any{3, 1, 2}},
		{"StringsNotIn", sqlarray.NotIn("slug", "a", "b"), dialect.Postgres, `"slug" <> ALL($1)`, []any{pq.StringArray{"a", "b"}}},
		{"EnumsAsAny", sqlarray.In[any]("status", enum.Draft, enum.Archived), dialect.Postgres, `"status" = ANY($1)`, []any{pq.StringArray{"DRAFT", "ARCHIVED"}}},
		{"TimesKeepTheList", sqlarray.In("at", day, day), dialect.Postgres, `"at" IN ($1, $2)`, []any{day, day}},
		{"MixedKeepTheList", sqlarray.In[any]("x", 1, "a"), dialect.Postgres, `"x" IN ($1, $2)`, []any{1, "a"}},
		{"OneValueKeepsTheList", sqlarray.In("id", 7), dialect.Postgres, `"id" IN ($1)`, []any{7}},
		{"NoValueIsFalse", sqlarray.In[int]("id"), dialect.Postgres, "FALSE", nil},
		{"NoValueNotInIsTrue", sqlarray.NotIn[int]("id"), dialect.Postgres, "NOT (FALSE)", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.pred.SetDialect(c.dialect)
			got, args := c.pred.Query()
			if got != c.want || !reflect.DeepEqual(args, c.wantArgs) {
				t.Errorf("%s %v; want %s %v", got, args, c.want, c.wantArgs)
			}
		})
	}
}

// The generated predicates (<Field>In, <Field>NotIn, IDIn) find the same rows on both stores.
func TestGeneratedPredicatesFindTheSameRows(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		ctx := access.AsSystem(context.Background())
		all, err := st.Client.Profession.Query().Order(ent.Asc(profession.FieldID)).All(ctx)
		if err != nil || len(all) < 4 {
			t.Fatalf("%d professions, %v", len(all), err)
		}
		var ids []int
		var slugs []string
		for _, p := range all[:3] {
			ids, slugs = append(ids, p.ID), append(slugs, p.Slug)
		}
		for name, pred := range map[string]func(*sql.Selector){
			"IDIn":    profession.IDIn(ids...),
			"SlugIn":  profession.SlugIn(slugs...),
			"NotIn":   profession.Not(profession.SlugNotIn(slugs...)),
			"EnumsIn": profession.And(profession.IDIn(ids...), profession.StatusIn(enum.Draft, enum.Published, enum.Archived)),
		} {
			got, err := st.Client.Profession.Query().Where(pred).Order(ent.Asc(profession.FieldID)).IDs(ctx)
			if err != nil || !slices.Equal(got, ids) {
				t.Errorf("%s: %v, %v; want %v", name, got, err, ids)
			}
		}
	})
}
