package store_test

import (
	"strings"
	"testing"
	"unicode"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/graph/generated"
	"careergraph/internal/gqlfilter"
	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

// TestEveryFilterTheAPIOffersHasAnIndex reads each `where` input of the GraphQL schema and checks
// the PostgreSQL catalog for an index that serves it: a B-tree (or the primary key) led by the
// column for comparisons, a trigram index for substring and case-insensitive matching.
func TestEveryFilterTheAPIOffersHasAnIndex(t *testing.T) {
	s := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	checked := 0
	for name, def := range schema.Types {
		typ, ok := strings.CutSuffix(name, "WhereInput")
		if !ok {
			continue
		}
		r, ok := ent.GlobalIDRanges[typ]
		if !ok {
			t.Errorf("%s filters %s, which is not an ent type", name, typ)
			continue
		}
		leading := leadingIndexColumns(t, s, r.Table)
		trigram := trigramColumns(t, s, r.Table)
		for _, f := range def.Fields {
			if f.Name == "and" || f.Name == "or" || f.Name == "not" || strings.HasPrefix(f.Name, "has") {
				continue // Combinators, and edge filters (served by the foreign key and join indexes).
			}
			if base, ok := gqlfilter.TextPredicateOf(f.Name); ok {
				if !trigram[column(base)] {
					t.Errorf("%s.%s: no trigram index on %s.%s", name, f.Name, r.Table, column(base))
				}
				checked++
				continue
			}
			cols := []string{column(predicateField(f.Name))}
			if c, ok := extensionColumns[name+"."+f.Name]; ok {
				cols = c // A hand-written filter (schema/*.graphql) on columns of its own.
			}
			for _, col := range cols {
				if !leading[col] {
					t.Errorf("%s.%s: no index on %s starts with %s", name, f.Name, r.Table, col)
				}
			}
			checked++
		}
	}
	t.Logf("%d filters checked", checked)
	if checked < 200 {
		t.Errorf("checked only %d filters", checked)
	}
}

// extensionColumns are the columns behind the filters added to entgql's where inputs by hand.
var extensionColumns = map[string][]string{
	"TrainingSessionWhereInput.startsWithinDays": {"starts_at"},
	"TrainingSessionWhereInput.hasSeatsLeft":     {"seats_left"},
	"SkillWhereInput.collections": {"in_digital_collection", "in_green_collection", "in_research_collection",
		"in_digcomp_collection", "in_transversal_collection"},
}

// predicateField strips a comparison suffix: salaryMinGTE → salaryMin.
func predicateField(input string) string {
	for _, suffix := range []string{"NotNil", "IsNil", "NotIn", "NEQ", "GTE", "LTE", "In", "GT", "LT"} {
		if f, ok := strings.CutSuffix(input, suffix); ok && f != "" {
			return f
		}
	}
	return input
}

// column turns a GraphQL field name into its column: escoURI → esco_uri.
func column(field string) string {
	var b strings.Builder
	rs := []rune(field)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func trigramColumns(t *testing.T, s *store.Store, table string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, row := range rows(t, s.DB, `SELECT indexdef FROM pg_indexes WHERE tablename = '`+table+`'`) {
		def := row[0]
		if i := strings.Index(def, "USING gin ("); i >= 0 && strings.Contains(def, "gin_trgm_ops") {
			col := strings.Trim(strings.Fields(def[i+len("USING gin ("):])[0], `"`)
			out[col] = true
		}
	}
	return out
}

// TestEveryOrderingTheAPIOffersHasAnIndex does the same for the `orderBy` fields.
func TestEveryOrderingTheAPIOffersHasAnIndex(t *testing.T) {
	s := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	// Order fields whose column is not their name, and those that order by a neighbour's field
	// (the neighbour's table and column).
	columns := map[string][2]string{
		"Training.PRICE":             {"trainings", "price_cents"},
		"Training.PROVIDER_NAME":     {"providers", "name"},
		"ProfessionSkill.SKILL_NAME": {"skills", "name"},
	}
	checked := 0
	for name, def := range schema.Types {
		typ, ok := strings.CutSuffix(name, "OrderField")
		if !ok {
			continue
		}
		r := ent.GlobalIDRanges[typ]
		for _, v := range def.EnumValues {
			table, col := r.Table, strings.ToLower(v.Name)
			if c, ok := columns[typ+"."+v.Name]; ok {
				table, col = c[0], c[1]
			}
			if !leadingIndexColumns(t, s, table)[col] {
				t.Errorf("%s.%s: no index on %s starts with %s", name, v.Name, table, col)
			}
			checked++
		}
	}
	t.Logf("%d orderings checked", checked)
	if checked < 50 {
		t.Errorf("checked only %d orderings", checked)
	}
}
