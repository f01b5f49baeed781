package graph_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/httpapi"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

type pageInfo struct {
	HasNextPage     bool    `json:"hasNextPage"`
	HasPreviousPage bool    `json:"hasPreviousPage"`
	StartCursor     *string `json:"startCursor"`
	EndCursor       *string `json:"endCursor"`
}

func TestBackEndDeveloperProfile(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data struct {
			Profession struct {
				Title       string
				TimeToLearn struct{ MinMonths, MaxMonths int }
				Salary      struct {
					Min, Max         int
					Currency, Period string
				}
				Specializations struct {
					TotalCount int
					Edges      []struct{ Node struct{ Slug string } }
				}
				Industries struct {
					Edges []struct{ Node struct{ Slug string } }
				}
				All       struct{ TotalCount int }
				Essential struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Importance string
							Skill      struct{ Name string }
						}
					}
				}
				Optional struct{ TotalCount int }
			}
		}
		s.Query(t, `{
		  profession(slug: "back-end-developer") {
		    title
		    timeToLearn { minMonths maxMonths }
		    salary { min max currency period }
		    specializations(first: 10) { totalCount edges { node { slug } } }
		    industries(first: 10) { edges { node { slug } } }
		    all: skills { totalCount }
		    essential: skills(where: {importance: ESSENTIAL}, first: 100) { totalCount edges { node { importance skill { name } } } }
		    optional: skills(where: {importance: OPTIONAL}) { totalCount }
		  }
		}`, nil, &data)
		p := data.Profession
		if p.Title != "Back-End Developer" || p.TimeToLearn.MinMonths != 12 || p.TimeToLearn.MaxMonths != 36 {
			t.Errorf("title/timeToLearn = %q %+v, want Back-End Developer 12–36", p.Title, p.TimeToLearn)
		}
		if p.Salary.Min != 2500 || p.Salary.Max != 15000 || p.Salary.Currency != "EUR" || p.Salary.Period != "MONTH" {
			t.Errorf("salary = %+v, want EUR 2500–15000 a MONTH", p.Salary)
		}
		var specs []string
		for _, e := range p.Specializations.Edges {
			specs = append(specs, e.Node.Slug)
		}
		for _, want := range []string{"api-development", "database-management", "cloud-integration", "devops", "security-and-performance"} {
			if !slices.Contains(specs, want) {
				t.Errorf("specializations %v lack %s", specs, want)
			}
		}
		var inds []string
		for _, e := range p.Industries.Edges {
			inds = append(inds, e.Node.Slug)
		}
		for _, want := range []string{"e-commerce", "finance-and-banking", "healthcare", "social-media", "entertainment-and-streaming"} {
			if !slices.Contains(inds, want) {
				t.Errorf("industries %v lack %s", inds, want)
			}
		}
		if p.Essential.TotalCount == 0 || p.Optional.TotalCount == 0 {
			t.Errorf("essential %d, optional %d: want both kinds of skills", p.Essential.TotalCount, p.Optional.TotalCount)
		}
		if p.Essential.TotalCount+p.Optional.TotalCount != p.All.TotalCount {
			t.Errorf("essential %d + optional %d != all %d", p.Essential.TotalCount, p.Optional.TotalCount, p.All.TotalCount)
		}
		for _, e := range p.Essential.Edges {
			if e.Node.Importance != "ESSENTIAL" {
				t.Errorf("importance filter let through %+v", e.Node)
			}
		}
	})
}

func TestLookupBySlugForEveryPublicType(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		cases := []struct{ field, slug string }{
			{"profession", "back-end-developer"}, {"professionGroup", "isco-2512"}, {"skill", "go"},
			{"specialization", "api-development"}, {"industry", "healthcare"},
			{"training", "go-for-backend-developers"}, {"provider", "helsinki-code-academy"},
			{"blogPost", "what-does-a-back-end-developer-do"}, {"author", "aino-virtanen"},
			{"blogCategory", "general"}, {"tag", "career-change"}, {"glossaryTerm", "api"},
		}
		for _, c := range cases {
			var data map[string]*struct{ Slug string }
			s.Query(t, `query($slug: String!) { found: `+c.field+`(slug: $slug) { slug } missing: `+c.field+`(slug: "no-such-thing") { slug } }`,
				map[string]any{"slug": c.slug}, &data)
			if data["found"] == nil || data["found"].Slug != c.slug {
				t.Errorf("%s(slug: %q) = %+v", c.field, c.slug, data["found"])
			}
			if data["missing"] != nil {
				t.Errorf("%s(slug: no-such-thing) = %+v, want null", c.field, data["missing"])
			}
		}
	})
}

func TestAnonymousReadersSeeOnlyPublishedContent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		ctx := access.AsSystem(context.Background())
		draftProfession := s.Store.Client.Profession.Query().Where(profession.Slug("prompt-engineer")).OnlyX(ctx)
		draftSkill := s.Store.Client.Skill.Query().Where(skill.Slug("prompt-engineering")).OnlyX(ctx)
		draftTraining := s.Store.Client.Training.Query().Where(training.Slug("prompt-engineering-essentials")).OnlyX(ctx)
		sessionsOfDraft := draftTraining.QuerySessions().CountX(ctx)
		if sessionsOfDraft == 0 {
			t.Fatal("the draft training should have sessions for this test to mean anything")
		}
		allProfessions := s.Store.Client.Profession.Query().CountX(ctx)
		allSessions := s.Store.Client.TrainingSession.Query().CountX(ctx)
		linksToDraftSkill := draftSkill.QueryProfessions().CountX(ctx)

		var data struct {
			ByID, BySkillID *struct{ ID string }
			BySlug          *struct{ Slug string }
			Professions     struct{ TotalCount int }
			Drafts          struct{ TotalCount int }
			Sessions        struct{ TotalCount int }
			Links           struct{ TotalCount int }
		}
		s.Query(t, `query($p: ID!, $s: ID!) {
		  byID: node(id: $p) { id }
		  bySkillID: node(id: $s) { id }
		  bySlug: profession(slug: "prompt-engineer") { slug }
		  professions { totalCount }
		  drafts: professions(where: {status: DRAFT}) { totalCount }
		  sessions: trainingSessions { totalCount }
		  links: skills(where: {slug: "prompt-engineering"}) { totalCount }
		}`, map[string]any{"p": gid.Encode(draftProfession.ID), "s": gid.Encode(draftSkill.ID)}, &data)
		if data.ByID != nil || data.BySkillID != nil || data.BySlug != nil {
			t.Errorf("draft objects are reachable: node %+v, skill node %+v, slug %+v", data.ByID, data.BySkillID, data.BySlug)
		}
		if data.Professions.TotalCount != allProfessions-1 || data.Drafts.TotalCount != 0 {
			t.Errorf("professions totalCount %d (drafts %d), want %d and 0", data.Professions.TotalCount, data.Drafts.TotalCount, allProfessions-1)
		}
		if data.Sessions.TotalCount != allSessions-sessionsOfDraft {
			t.Errorf("sessions totalCount %d, want %d (sessions of the draft training hidden)", data.Sessions.TotalCount, allSessions-sessionsOfDraft)
		}
		if data.Links.TotalCount != 0 {
			t.Errorf("the draft skill is listed")
		}

		// A published profession that needs the draft skill lists its other skills only.
		if linksToDraftSkill > 0 {
			link := draftSkill.QueryProfessions().WithProfession().FirstX(ctx)
			if link.Edges.Profession.Status == "PUBLISHED" {
				all := link.Edges.Profession.QuerySkills().CountX(ctx)
				var p struct {
					Profession struct{ Skills struct{ TotalCount int } }
				}
				s.Query(t, `query($slug: String!) { profession(slug: $slug) { skills { totalCount } } }`,
					map[string]any{"slug": link.Edges.Profession.Slug}, &p)
				if p.Profession.Skills.TotalCount != all-1 {
					t.Errorf("profession %s lists %d skills, want %d (without the draft one)", link.Edges.Profession.Slug, p.Profession.Skills.TotalCount, all-1)
				}
			}
		}
	})
}

// Links and sessions loaded for a page of objects are filtered at every depth: the loader trusts
// the end it comes from, never the other one. python is needed by the draft prompt-engineer, and
// a published profession is given the draft skill prompt-engineering; neither may show up two
// levels down a skill's professions and their skills.
func TestNestedLinksHideDraftsAtEveryDepth(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		draftSkill := c.Skill.Query().Where(skill.Slug("prompt-engineering")).OnlyX(ctx)
		python := c.Skill.Query().Where(skill.Slug("python")).OnlyX(ctx)
		needsPython := python.QueryProfessions().QueryProfession().
			Where(profession.StatusEQ("PUBLISHED")).Order(ent.Asc(profession.FieldSlug)).FirstX(ctx)
		c.ProfessionSkill.Create().SetProfessionID(needsPython.ID).SetSkillID(draftSkill.ID).
			SetImportance("OPTIONAL").ExecX(ctx)
		if !python.QueryProfessions().QueryProfession().Where(profession.Slug("prompt-engineer")).ExistX(ctx) {
			t.Fatal("the draft prompt-engineer should need python for this test to mean anything")
		}
		visibleSkills := needsPython.QuerySkills().QuerySkill().Where(skill.StatusEQ("PUBLISHED")).CountX(ctx)

		type links[T any] struct {
			TotalCount int
			Edges      []struct{ Node T }
		}
		var data struct {
			Skill struct {
				Professions links[struct {
					Profession struct {
						Slug   string
						Skills links[struct{ Skill struct{ Slug string } }]
					}
				}]
			}
		}
		s.Query(t, `{ skill(slug: "python") { professions(first: 100) { totalCount edges { node {
		  profession { slug skills(first: 100) { totalCount edges { node { skill { slug } } } } } } } } } }`, nil, &data)
		ps := data.Skill.Professions
		if len(ps.Edges) == 0 || len(ps.Edges) != ps.TotalCount {
			t.Fatalf("python lists %d professions, totalCount %d", len(ps.Edges), ps.TotalCount)
		}
		seen := false
		for _, e := range ps.Edges {
			p := e.Node.Profession
			if p.Slug == "prompt-engineer" {
				t.Errorf("python lists the draft profession %s", p.Slug)
			}
			if len(p.Skills.Edges) != p.Skills.TotalCount {
				t.Errorf("%s lists %d skills, totalCount %d", p.Slug, len(p.Skills.Edges), p.Skills.TotalCount)
			}
			for _, l := range p.Skills.Edges {
				if l.Node.Skill.Slug == draftSkill.Slug {
					t.Errorf("%s lists the draft skill %s under python", p.Slug, draftSkill.Slug)
				}
			}
			if p.Slug == needsPython.Slug {
				seen = true
				if len(p.Skills.Edges) != visibleSkills {
					t.Errorf("%s lists %d skills, want its %d published ones", p.Slug, len(p.Skills.Edges), visibleSkills)
				}
			}
		}
		if !seen {
			t.Errorf("python does not list %s", needsPython.Slug)
		}
	})
}

func TestEveryObjectResolvesThroughNode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var data map[string]struct {
			Edges []struct {
				Node struct {
					ID       string
					Typename string `json:"__typename"`
				}
			}
		}
		s.Query(t, `{
		  professions(first: 1) { edges { node { id __typename } } }
		  professionGroups(first: 1) { edges { node { id __typename } } }
		  skills(first: 1) { edges { node { id __typename } } }
		  specializations(first: 1) { edges { node { id __typename } } }
		  industries(first: 1) { edges { node { id __typename } } }
		  trainings(first: 1) { edges { node { id __typename } } }
		  trainingSessions(first: 1) { edges { node { id __typename } } }
		  providers(first: 1) { edges { node { id __typename } } }
		  blogPosts(first: 1) { edges { node { id __typename } } }
		  authors(first: 1) { edges { node { id __typename } } }
		  blogCategories(first: 1) { edges { node { id __typename } } }
		  tags(first: 1) { edges { node { id __typename } } }
		  glossaryTerms(first: 1) { edges { node { id __typename } } }
		}`, nil, &data)
		var ids []string
		want := map[string]string{}
		for field, conn := range data {
			if len(conn.Edges) != 1 {
				t.Fatalf("%s: no object", field)
			}
			n := conn.Edges[0].Node
			ids = append(ids, n.ID)
			want[n.ID] = n.Typename
		}
		var got struct {
			Nodes []*struct {
				ID       string
				Typename string `json:"__typename"`
			}
		}
		s.Query(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`, map[string]any{"ids": ids}, &got)
		for i, n := range got.Nodes {
			if n == nil || n.ID != ids[i] || n.Typename != want[ids[i]] {
				t.Errorf("nodes[%d] = %+v, want %s %s", i, n, ids[i], want[ids[i]])
			}
		}
	})
}

func TestPagination(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		type page struct {
			Skills struct {
				TotalCount int
				PageInfo   pageInfo
				Edges      []struct {
					Cursor string
					Node   struct{ Name, Kind string }
				}
			}
		}
		var first page
		s.Query(t, `{ skills { totalCount pageInfo { hasNextPage } edges { node { name } } } }`, nil, &first)
		if n := len(first.Skills.Edges); n != 20 || !first.Skills.PageInfo.HasNextPage {
			t.Errorf("default page: %d skills, hasNextPage %v; want 20 and true", n, first.Skills.PageInfo.HasNextPage)
		}
		total := first.Skills.TotalCount

		// Forward through everything, ordered by kind then name descending: every skill once,
		// in that order.
		const q = `query($after: Cursor, $before: Cursor, $first: Int, $last: Int) {
		  skills(after: $after, before: $before, first: $first, last: $last, orderBy: [{field: KIND}, {field: NAME, direction: DESC}]) {
		    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		    edges { cursor node { name kind } }
		  }
		}`
		var forward []string
		vars := map[string]any{"first": 30}
		for range 10 {
			var p page
			s.Query(t, q, vars, &p)
			for i, e := range p.Skills.Edges {
				forward = append(forward, e.Node.Kind+"|"+e.Node.Name)
				if i > 0 {
					prev := p.Skills.Edges[i-1].Node
					if prev.Kind > e.Node.Kind || prev.Kind == e.Node.Kind && prev.Name < e.Node.Name {
						t.Fatalf("order broken: %+v before %+v", prev, e.Node)
					}
				}
			}
			if !p.Skills.PageInfo.HasNextPage {
				break
			}
			vars = map[string]any{"first": 30, "after": *p.Skills.PageInfo.EndCursor}
		}
		if len(forward) != total {
			t.Fatalf("paged through %d skills, totalCount says %d", len(forward), total)
		}
		seen := map[string]bool{}
		for _, k := range forward {
			if seen[k] {
				t.Fatalf("%s came twice", k)
			}
			seen[k] = true
		}

		// Backward from the end gives the same sequence.
		var backward []string
		vars = map[string]any{"last": 25}
		for range 10 {
			var p page
			s.Query(t, q, vars, &p)
			var chunk []string
			for _, e := range p.Skills.Edges {
				chunk = append(chunk, e.Node.Kind+"|"+e.Node.Name)
			}
			backward = append(chunk, backward...)
			if !p.Skills.PageInfo.HasPreviousPage {
				break
			}
			vars = map[string]any{"last": 25, "before": *p.Skills.PageInfo.StartCursor}
		}
		if !slices.Equal(forward, backward) {
			t.Errorf("backward paging gave a different sequence:\n%v\n%v", forward, backward)
		}
	})
}

func TestFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		cases := []struct {
			name, query string
			check       func(n int) bool
		}{
			{"ThroughRelations", `professions(where: {hasSkillsWith: {importance: ESSENTIAL, hasSkillWith: {slug: "sql"}}})`, func(n int) bool { return n >= 2 }},
			{"OrOfTwoSlugs", `professions(where: {or: [{slug: "back-end-developer"}, {slug: "front-end-developer"}]})`, func(n int) bool { return n == 2 }},
			{"NotExcludes", `professions(where: {not: {slug: "back-end-developer"}})`, func(n int) bool { return n == 17 }},
			{"AndOfConditions", `professions(where: {and: [{salaryMinGTE: 2500}, {timeToLearnMaxMonthsLTE: 36}]})`, func(n int) bool { return n >= 1 }},
			{"ClassroomSessionsInHelsinki", `trainingSessions(where: {online: false, city: "Helsinki", status: SCHEDULED})`, func(n int) bool { return n >= 10 }},
			{"OnlineSessions", `trainingSessions(where: {online: true})`, func(n int) bool { return n >= 10 }},
			{"FreeTrainings", `trainings(where: {priceCentsIsNil: true})`, func(n int) bool { return n >= 1 }},
			{"TrainingsOfAProvider", `trainings(where: {hasProviderWith: {slug: "helsinki-code-academy"}})`, func(n int) bool { return n >= 5 }},
			{"SoftSkills", `skills(where: {kind: SOFT})`, func(n int) bool { return n >= 5 }},
			{"NoMatch", `skills(where: {nameContainsFold: "zzzz-no-such-skill"})`, func(n int) bool { return n == 0 }},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var data struct{ C struct{ TotalCount int } }
				s.Query(t, `{ c: `+c.query+` { totalCount } }`, nil, &data)
				if !c.check(data.C.TotalCount) {
					t.Errorf("%s: totalCount %d is not what the demo catalogue holds", c.query, data.C.TotalCount)
				}
			})
		}
	})
}

// A pager asks for pageInfo with every page. hasNextPage and hasPreviousPage come from the page
// itself (one row more than asked), so that costs no COUNT of everything the filter matches;
// only totalCount does, or pageInfo asked for without the edges.
func TestPageInfoCostsNoCount(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var all struct{ Skills struct{ TotalCount int } }
		s.Query(t, `{ skills { totalCount } }`, nil, &all)
		total := all.Skills.TotalCount
		if total < 6 || total > 100 {
			t.Fatalf("the demo catalogue has %d skills; the cases below need 6 to 100", total)
		}
		type page struct {
			Skills struct {
				TotalCount *int
				PageInfo   pageInfo
				Edges      []struct{ Node struct{ Name string } }
			}
		}
		for _, c := range []struct {
			name, query    string
			statements     int64
			next, previous bool
		}{
			{"first page", `{ skills(first: 5) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { name } } } }`, 1, true, false},
			{"everything", `{ skills(first: 100) { pageInfo { hasNextPage hasPreviousPage } edges { node { name } } } }`, 1, false, false},
			{"with totalCount", `{ skills(first: 5) { totalCount pageInfo { hasNextPage } edges { node { name } } } }`, 2, true, false},
			{"pageInfo alone", `{ skills(first: 5) { pageInfo { hasNextPage hasPreviousPage } } }`, 1, true, false},
			{"last page", `{ skills(last: 5) { pageInfo { hasNextPage hasPreviousPage } edges { node { name } } } }`, 1, false, true},
		} {
			s.Statements.Store(0)
			var p page
			s.Query(t, c.query, nil, &p)
			if n := s.Statements.Load(); n != c.statements {
				t.Errorf("%s: %d statements, want %d", c.name, n, c.statements)
			}
			if p.Skills.PageInfo.HasNextPage != c.next || p.Skills.PageInfo.HasPreviousPage != c.previous {
				t.Errorf("%s: hasNextPage %v, hasPreviousPage %v; want %v, %v", c.name,
					p.Skills.PageInfo.HasNextPage, p.Skills.PageInfo.HasPreviousPage, c.next, c.previous)
			}
			if c.name == "everything" && len(p.Skills.Edges) != total {
				t.Errorf("%s: %d skills, totalCount says %d", c.name, len(p.Skills.Edges), total)
			}
		}
	})
}

// Each profession's page of skills in a listing is the page the profession shows on its own: the
// first three by skill name (or the last three), in order, whatever the other professions hold.
func TestNestedPagesFollowTheirOrder(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		type skills struct {
			Edges []struct {
				Node struct{ Skill struct{ Name string } }
			}
		}
		names := func(c skills) []string {
			var out []string
			for _, e := range c.Edges {
				out = append(out, e.Node.Skill.Name)
			}
			return out
		}
		for _, page := range []string{`first: 3, orderBy: [{field: SKILL_NAME}]`,
			`first: 3, orderBy: [{field: SKILL_NAME, direction: DESC}]`, `last: 3, orderBy: [{field: SKILL_NAME}]`} {
			var list struct {
				Professions struct {
					Edges []struct {
						Node struct {
							Slug   string
							Skills skills
						}
					}
				}
			}
			s.Query(t, `{ professions(first: 50) { edges { node { slug skills(`+page+`) { edges { node { skill { name } } } } } } } }`, nil, &list)
			checked := 0
			for _, e := range list.Professions.Edges {
				var one struct{ Profession struct{ Skills skills } }
				s.Query(t, `query($slug: String!) { profession(slug: $slug) { skills(`+page+`) { edges { node { skill { name } } } } } }`,
					map[string]any{"slug": e.Node.Slug}, &one)
				inList, alone := names(e.Node.Skills), names(one.Profession.Skills)
				if !slices.Equal(inList, alone) {
					t.Errorf("%s, %s: in the listing %q, alone %q", page, e.Node.Slug, inList, alone)
				}
				desc := strings.Contains(page, "DESC")
				if !slices.IsSortedFunc(inList, func(a, b string) int {
					if desc {
						return strings.Compare(b, a)
					}
					return strings.Compare(a, b)
				}) {
					t.Errorf("%s, %s: %q out of order", page, e.Node.Slug, inList)
				}
				if len(inList) > 1 {
					checked++
				}
			}
			if checked < 3 {
				t.Errorf("%s: only %d professions with several skills to compare", page, checked)
			}
		}
	})
}

// TestPageSizesStayWithTheirRequest: the server keeps the syntax trees of validated documents
// for later requests, and a page size left out by a null variable gets the default in a tree of
// that request's own: requests of one document with different page sizes, at the same time,
// each get their own.
func TestPageSizesStayWithTheirRequest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		const q = `query($n: Int, $k: Int) {
		  skills(first: $n) { edges { node { name } } }
		  professions(first: 2) { edges { node { ...Skills } } }
		}
		fragment Skills on Profession { skills(first: $k) { edges { node { importance } } } }`
		sizes := []any{3, nil, 5, nil, 1}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					n, k := sizes[(g+i)%len(sizes)], sizes[(g+2*i)%len(sizes)]
					r, err := s.Send(q, map[string]any{"n": n, "k": k})
					if err != nil {
						t.Errorf("n=%v k=%v: %v", n, k, err)
						return
					}
					var got struct {
						Skills      struct{ Edges []struct{} }
						Professions struct {
							Edges []struct {
								Node struct{ Skills struct{ Edges []struct{} } }
							}
						}
					}
					if len(r.Errors) > 0 || json.Unmarshal(r.Data, &got) != nil {
						t.Errorf("n=%v k=%v: %+v %s", n, k, r.Errors, r.Data)
						return
					}
					want := func(v any) int {
						if v == nil {
							return httpapi.DefaultPageSize
						}
						return v.(int)
					}
					if len(got.Skills.Edges) != want(n) {
						t.Errorf("first: %v gave %d skills, want %d", n, len(got.Skills.Edges), want(n))
					}
					for _, p := range got.Professions.Edges {
						if m := len(p.Node.Skills.Edges); m > want(k) || (k != nil && m == 0) {
							t.Errorf("first: %v in a fragment gave %d skills of a profession, want up to %d", k, m, want(k))
						}
					}
				}
			}()
		}
		wg.Wait()
	})
}
