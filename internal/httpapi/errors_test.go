package httpapi_test

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"careergraph/ent"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestBadInputIsACodedErrorNamingTheArgument(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		cases := []struct {
			name, query string
			vars        map[string]any
			code, field string
		}{
			{"FirstAboveMaximum", `{ professions(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT", "first"},
			{"LastAboveMaximum", `{ skills(last: 500) { totalCount } }`, nil, "BAD_USER_INPUT", "last"},
			{"NegativeFirst", `{ skills(first: -1) { totalCount } }`, nil, "BAD_USER_INPUT", "first"},
			{"NestedFirstAboveMaximum", `{ professions(first: 2) { edges { node { skills(first: 1000) { totalCount } } } } }`, nil, "BAD_USER_INPUT", "first"},
			{"FirstFromVariable", `query($n: Int) { trainings(first: $n) { totalCount } }`, map[string]any{"n": 250}, "BAD_USER_INPUT", "first"},
			{"FirstInFragment", `{ providers(first: 1) { edges { node { ...P } } } } fragment P on Provider { trainings(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT", "first"},
			{"MalformedCursor", `{ professions(after: "not-a-cursor") { totalCount } }`, nil, "BAD_USER_INPUT", "after"},
			{"MalformedID", `{ node(id: "not-an-id") { id } }`, nil, "BAD_USER_INPUT", "id"},
			{"ForgedID", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": forge("Profession", "Skill")}, "BAD_USER_INPUT", "id"},
			{"MalformedIDInFilter", `{ professions(where: {idIn: ["nope"]}) { totalCount } }`, nil, "BAD_USER_INPUT", "where"},
			{"UnknownField", `{ professions { edges { node { salaryz } } } }`, nil, "GRAPHQL_VALIDATION_FAILED", ""},
			{"UnknownEnumValue", `{ skills(where: {kind: MEDIUM}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", ""},
			{"SyntaxError", `{ professions { `, nil, "GRAPHQL_PARSE_FAILED", ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := s.Fails(t, c.query, c.vars)
				if e.Code() != c.code {
					t.Errorf("code %q (%s), want %s", e.Code(), e.Message, c.code)
				}
				if f, _ := e.Extensions["field"].(string); f != c.field {
					t.Errorf("field %q, want %q", f, c.field)
				}
				for _, leak := range []string{"sql", "SELECT", "msgpack", "ent:", "goroutine", "4294967"} {
					if strings.Contains(e.Message, leak) {
						t.Errorf("message %q shows internals (%s)", e.Message, leak)
					}
				}
			})
		}
	})
}

func TestIDOfTheWrongTypeInAFilterIsAnError(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var ids struct {
			Skill, Profession struct{ ID string }
		}
		s.Query(t, `{ skill(slug: "go") { id } profession(slug: "back-end-developer") { id } }`, nil, &ids)
		skill, prof := ids.Skill.ID, ids.Profession.ID
		wrong := []struct {
			name, query string
			vars        map[string]any
		}{
			{"Literal", `{ professions(where: {id: "` + skill + `"}) { totalCount } }`, nil},
			{"Variable", `query($w: ProfessionWhereInput) { professions(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"idIn": []string{prof, skill}}}},
			{"ThroughARelation", `query($id: ID!) { professions(where: {hasSkillsWith: {hasSkillWith: {id: $id}}}) { totalCount } }`, map[string]any{"id": prof}},
			{"InsideOr", `query($id: ID!) { skills(where: {or: [{slug: "go"}, {idNEQ: $id}]}) { totalCount } }`, map[string]any{"id": prof}},
			{"NestedConnection", `query($id: ID!) { professions(first: 1) { edges { node { industries(where: {id: $id}) { totalCount } } } } }`, map[string]any{"id": skill}},
		}
		for _, c := range wrong {
			t.Run(c.name, func(t *testing.T) {
				e := s.Fails(t, c.query, c.vars)
				if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "where" || !strings.Contains(e.Message, "expected the ID of a") {
					t.Errorf("got %q %v, want BAD_USER_INPUT naming the expected type", e.Message, e.Extensions)
				}
			})
		}
		// The right types pass.
		var data struct{ Professions struct{ TotalCount int } }
		s.Query(t, `query($p: ID!, $s: ID!) { professions(where: {id: $p, hasSkillsWith: {hasSkillWith: {id: $s}}}) { totalCount } }`,
			map[string]any{"p": prof, "s": skill}, &data)
		if data.Professions.TotalCount != 1 {
			t.Errorf("back-end-developer needing Go: %d, want 1", data.Professions.TotalCount)
		}
	})
}

// forge returns an ID that claims type claim for a key from the block of type owner.
func forge(claim, owner string) string {
	key := ent.GlobalIDRanges[owner].Start + 1
	return base64.RawURLEncoding.EncodeToString([]byte(claim + ":" + strconv.Itoa(key)))
}
