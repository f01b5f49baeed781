package graph_test

import (
	"context"
	"testing"
	"time"

	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

type facetCount struct {
	Value, Label string
	Count        int
}

func sum(cs []facetCount) (n int) {
	for _, c := range cs {
		n += c.Count
	}
	return n
}

func TestTrainingFacetsCountTheListingsFilter(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data struct {
			Trainings struct {
				TotalCount int
				Facets     struct{ Levels, Formats, Languages, Places, Providers, PriceBands []facetCount }
			}
			Helsinki struct{ TotalCount int }
			Free     struct{ TotalCount int }
		}
		s.Query(t, `query($w: TrainingWhereInput!) {
		  trainings(where: $w, first: 1) { totalCount facets {
		    levels { value label count } formats { value label count } languages { value label count }
		    places { value label count } providers { value label count } priceBands { value label count } } }
		  helsinki: trainings(where: {and: [$w, {hasSessionsWith: {city: "Helsinki", status: SCHEDULED}}]}) { totalCount }
		  free: trainings(where: {and: [$w, {priceCentsIsNil: true}]}) { totalCount }
		}`, map[string]any{"w": map[string]any{"levelNEQ": "ADVANCED"}}, &data)
		tr := data.Trainings
		// Every training has exactly one level, format, language, provider and price band.
		for name, f := range map[string][]facetCount{"levels": tr.Facets.Levels, "formats": tr.Facets.Formats, "languages": tr.Facets.Languages, "providers": tr.Facets.Providers, "priceBands": tr.Facets.PriceBands} {
			if sum(f) != tr.TotalCount {
				t.Errorf("%s add up to %d, the listing has %d", name, sum(f), tr.TotalCount)
			}
		}
		for _, l := range tr.Facets.Levels {
			if l.Value == "ADVANCED" {
				t.Errorf("the filter excludes ADVANCED, the facet counts it: %+v", l)
			}
		}
		for _, p := range tr.Facets.Places {
			if p.Value == "Helsinki" && p.Count != data.Helsinki.TotalCount {
				t.Errorf("Helsinki facet %d, filtered listing %d", p.Count, data.Helsinki.TotalCount)
			}
		}
		for _, b := range tr.Facets.PriceBands {
			if b.Value == "free" && b.Count != data.Free.TotalCount {
				t.Errorf("free facet %d, free listing %d", b.Count, data.Free.TotalCount)
			}
		}
		for _, l := range tr.Facets.Languages {
			if l.Value == "fi" && l.Label != "Finnish" {
				t.Errorf("language label %q", l.Label)
			}
		}
		// Provider values are IDs to filter by.
		if len(tr.Facets.Providers) == 0 {
			t.Fatal("no provider facet")
		}
		p := tr.Facets.Providers[0]
		var byProvider struct{ Trainings struct{ TotalCount int } }
		s.Query(t, `query($p: ID!) { trainings(where: {levelNEQ: ADVANCED, hasProviderWith: {id: $p}}) { totalCount } }`, map[string]any{"p": p.Value}, &byProvider)
		if byProvider.Trainings.TotalCount != p.Count {
			t.Errorf("provider facet %s says %d, filtering by it gives %d", p.Label, p.Count, byProvider.Trainings.TotalCount)
		}
		// Nested listings have no facets (their parent's scope is not in the filter).
		e := s.Fails(t, `{ providers(first: 1) { edges { node { trainings { facets { levels { count } } } } } } }`, nil)
		if e.Code() != "BAD_USER_INPUT" {
			t.Errorf("nested facets: %q %v", e.Message, e.Extensions)
		}
	})
}

func TestProfessionFacetsAndSalaryStats(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data struct {
			Professions struct {
				TotalCount int
				Facets     struct{ Groups, Industries []facetCount }
			}
			All, Healthcare, Yearly struct {
				Count    int
				Min, Max *int
				Median   *float64
				Currency string
			}
			Nothing struct {
				Count int
				Min   *int
			}
		}
		s.Query(t, `{
		  professions { totalCount facets { groups { value label count } industries { value label count } } }
		  all: salaryStats { count min max median currency }
		  healthcare: salaryStats(where: {hasIndustriesWith: {slug: "healthcare"}}) { count min max median currency }
		  yearly: salaryStats(period: YEAR) { count min max median currency }
		  nothing: salaryStats(currency: "XYZ") { count min }
		}`, nil, &data)
		if sum(data.Professions.Facets.Groups) != data.Professions.TotalCount {
			t.Errorf("group counts add up to %d, %d professions (each is in one group)", sum(data.Professions.Facets.Groups), data.Professions.TotalCount)
		}
		for _, ind := range data.Professions.Facets.Industries {
			var f struct{ Professions struct{ TotalCount int } }
			s.Query(t, `query($i: ID!) { professions(where: {hasIndustriesWith: {id: $i}}) { totalCount } }`, map[string]any{"i": ind.Value}, &f)
			if f.Professions.TotalCount != ind.Count {
				t.Errorf("industry %s: facet %d, filter %d", ind.Label, ind.Count, f.Professions.TotalCount)
			}
		}
		a, h := data.All, data.Healthcare
		if a.Count == 0 || *a.Min > int(*a.Median) || int(*a.Median) > *a.Max || a.Currency != "EUR" {
			t.Errorf("all: %+v", a)
		}
		if h.Count == 0 || h.Count > a.Count || *h.Min < *a.Min || *h.Max > *a.Max {
			t.Errorf("healthcare %+v is not within all %+v", h, a)
		}
		if data.Yearly.Count != a.Count || *data.Yearly.Max != *a.Max*12 {
			t.Errorf("yearly %+v, monthly %+v", data.Yearly, a)
		}
		if data.Nothing.Count != 0 || data.Nothing.Min != nil {
			t.Errorf("unknown currency: %+v", data.Nothing)
		}
	})
}

func TestSessionFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data struct {
			Soon, Later, All, WithSeats, Full struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						StartsAt  string
						SeatsLeft int
					}
				}
			}
		}
		s.Query(t, `{
		  soon: trainingSessions(first: 100, where: {startsWithinDays: 30}) { totalCount edges { node { startsAt seatsLeft } } }
		  later: trainingSessions(where: {startsWithinDays: 365}) { totalCount }
		  all: trainingSessions { totalCount }
		  withSeats: trainingSessions(first: 100, where: {hasSeatsLeft: true}) { totalCount edges { node { seatsLeft } } }
		  full: trainingSessions(where: {hasSeatsLeft: false}) { totalCount }
		}`, nil, &data)
		if data.Soon.TotalCount == 0 || data.Soon.TotalCount >= data.Later.TotalCount {
			t.Errorf("within 30 days %d, within a year %d", data.Soon.TotalCount, data.Later.TotalCount)
		}
		if data.WithSeats.TotalCount+data.Full.TotalCount != data.All.TotalCount || data.Full.TotalCount == 0 {
			t.Errorf("with seats %d + full %d != all %d", data.WithSeats.TotalCount, data.Full.TotalCount, data.All.TotalCount)
		}
		for _, e := range data.WithSeats.Edges {
			if e.Node.SeatsLeft == 0 {
				t.Errorf("a full session passed hasSeatsLeft")
			}
		}
		if e := s.Fails(t, `{ trainingSessions(where: {startsWithinDays: -1}) { totalCount } }`, nil); e.Code() != "BAD_USER_INPUT" {
			t.Errorf("negative days: %q %v", e.Message, e.Extensions)
		}
	})
}

func TestStructuredData(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data struct {
			Profession struct{ JSONLd map[string]any }
			Trainings  struct {
				Edges []struct {
					Node struct {
						Format string
						JSONLd map[string]any
					}
				}
			}
		}
		s.Query(t, `{ profession(slug: "back-end-developer") { jsonLd } trainings(first: 30) { edges { node { format jsonLd } } } }`, nil, &data)
		o := data.Profession.JSONLd
		salary, _ := o["estimatedSalary"].([]any)
		if o["@type"] != "Occupation" || o["@context"] != "https://schema.org" || len(salary) != 1 {
			t.Fatalf("occupation: %v", o)
		}
		sal := salary[0].(map[string]any)
		if sal["currency"] != "EUR" || sal["minValue"] != float64(2500) || sal["maxValue"] != float64(15000) || sal["duration"] != "P1M" {
			t.Errorf("estimatedSalary: %v", sal)
		}
		if cats, _ := o["occupationalCategory"].([]any); len(cats) == 0 || cats[0].(map[string]any)["codeValue"] != "2512" {
			t.Errorf("occupationalCategory: %v", o["occupationalCategory"])
		}
		if skills, _ := o["skills"].([]any); len(skills) == 0 {
			t.Errorf("no skills: %v", o)
		}
		for _, e := range data.Trainings.Edges {
			c := e.Node.JSONLd
			if c["@type"] != "Course" || c["provider"] == nil || c["offers"] == nil {
				t.Errorf("course: %v", c)
			}
			instances, _ := c["hasCourseInstance"].([]any)
			for _, i := range instances {
				in := i.(map[string]any)
				if in["courseMode"] == nil || (e.Node.Format != "SELF_PACED" && in["startDate"] == nil) {
					t.Errorf("course instance: %v", in)
				}
			}
		}

		// Structured data for a whole page costs no more statements than for one training.
		count := func(n int) int64 {
			s.Statements.Store(0)
			var out map[string]any
			s.Query(t, `query($n: Int) { trainings(first: $n) { edges { node { jsonLd } } } professions(first: $n) { edges { node { jsonLd } } } }`, map[string]any{"n": n}, &out)
			return s.Statements.Load()
		}
		if one, many := count(1), count(20); one != many {
			t.Errorf("%d statements for one item, %d for 20", one, many)
		}
	})
}

// TestTimesCompareAcrossTimeZones: a session at 09:00 in Helsinki starts before one at 08:00 in
// London on the same day, and filters and ordering must know it on both stores.
func TestTimesCompareAcrossTimeZones(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		tr := c.Training.Query().Where(training.StatusEQ(enum.Published)).FirstX(ctx)
		hki, _ := time.LoadLocation("Europe/Helsinki")
		ldn, _ := time.LoadLocation("Europe/London")
		early := time.Date(2031, 1, 15, 9, 0, 0, 0, hki) // 07:00 UTC
		late := time.Date(2031, 1, 15, 8, 0, 0, 0, ldn)  // 08:00 UTC
		for code, at := range map[string]time.Time{"tz-early": early, "tz-late": late} {
			c.TrainingSession.Create().SetTrainingID(tr.ID).SetCode(code).SetStartsAt(at).SetEndsAt(at.Add(time.Hour)).
				SetCapacity(5).SetTimeZone(at.Location().String()).SaveX(ctx)
		}
		var data struct {
			Ordered struct {
				Edges []struct{ Node struct{ Code string } }
			}
			Before struct {
				Edges []struct{ Node struct{ Code string } }
			}
		}
		s.Query(t, `{
		  ordered: trainingSessions(where: {startsAtGTE: "2031-01-15T00:00:00Z", startsAtLT: "2031-01-16T00:00:00Z"}, orderBy: [{field: STARTS_AT}]) { edges { node { code } } }
		  before: trainingSessions(where: {startsAtGTE: "2031-01-15T00:00:00Z", startsAtLT: "2031-01-15T07:30:00Z"}) { edges { node { code } } }
		}`, nil, &data)
		var order []string
		for _, e := range data.Ordered.Edges {
			order = append(order, e.Node.Code)
		}
		if len(order) != 2 || order[0] != "tz-early" || order[1] != "tz-late" {
			t.Errorf("ordered by start: %v, want [tz-early tz-late]", order)
		}
		if len(data.Before.Edges) != 1 || data.Before.Edges[0].Node.Code != "tz-early" {
			t.Errorf("starting before 07:30 UTC: %+v, want only tz-early", data.Before.Edges)
		}
	})
}
