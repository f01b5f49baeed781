package search

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

// catalogue holds the IDs of the demo objects the cases name, by "type:slug".
type catalogue map[string]int

func (c catalogue) id(t *testing.T, key string) int {
	t.Helper()
	id, ok := c[key]
	if !ok {
		t.Fatalf("no %s in the demo catalogue", key)
	}
	return id
}

func demoIDs(t *testing.T, st *store.Store) catalogue {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	c := catalogue{}
	for _, p := range st.Client.Profession.Query().AllX(ctx) {
		c["profession:"+p.Slug] = p.ID
	}
	for _, s := range st.Client.Skill.Query().AllX(ctx) {
		c["skill:"+s.Slug] = s.ID
	}
	for _, tr := range st.Client.Training.Query().AllX(ctx) {
		c["training:"+tr.Slug] = tr.ID
	}
	for _, b := range st.Client.BlogPost.Query().AllX(ctx) {
		c["post:"+b.Slug] = b.ID
	}
	return c
}

func ids(hits []Hit) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func describe(hits []Hit) string {
	var b strings.Builder
	for i, h := range hits {
		fmt.Fprintf(&b, "\n  %2d. %-13s %-45q %.4f", i+1, h.Type, h.Title, h.Score)
	}
	return b.String()
}

// TestSearch runs every case on both stores, over the demo catalogue.
func TestSearch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		s := New(st.DB, st.Dialect)
		demo := demoIDs(t, st)
		anonymous := context.Background()
		system := access.AsSystem(anonymous)

		search := func(t *testing.T, ctx context.Context, q Query) Page {
			t.Helper()
			page, err := s.Search(ctx, q)
			if err != nil {
				t.Fatalf("Search(%+v): %v", q, err)
			}
			return page
		}
		prompt := []string{"profession:prompt-engineer", "skill:prompt-engineering", "training:prompt-engineering-essentials", "post:prompt-engineering-a-job-or-a-skill"}

		// The cases run in order on one database; the last one changes it.
		for _, tc := range []struct {
			name string
			run  func(t *testing.T)
		}{
			{"TypoFindsDevelopers", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "devloper", First: MaxFirst})
				for _, slug := range []string{"back-end-developer", "front-end-developer", "full-stack-developer", "mobile-developer"} {
					if !slices.Contains(ids(page.Hits), demo.id(t, "profession:"+slug)) {
						t.Errorf("devloper did not find %s:%s", slug, describe(page.Hits))
					}
				}
				for _, h := range page.Hits {
					if h.Type == Profession && strings.Contains(h.Title, "Developer") && !strings.Contains(h.Snippet, "<mark>") {
						t.Errorf("%s: the snippet marks no typo match: %s", h.Title, h.Snippet)
					}
				}
			}},
			{"PrefixFindsTheKubernetesSkillFirst", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "kube"})
				if len(page.Hits) == 0 || page.Hits[0].ID != demo.id(t, "skill:kubernetes") {
					t.Fatalf("kube: want the Kubernetes skill first, got:%s", describe(page.Hits))
				}
				if !slices.Contains(ids(page.Hits), demo.id(t, "training:kubernetes-for-developers")) {
					t.Errorf("kube did not find the Kubernetes training:%s", describe(page.Hits))
				}
			}},
			{"ExactTitleRanksAboveMentions", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "  back-end   DEVELOPER "})
				if len(page.Hits) == 0 || page.Hits[0].ID != demo.id(t, "profession:back-end-developer") {
					t.Fatalf("want the Back-End Developer profession first, got:%s", describe(page.Hits))
				}
				post := slices.Index(ids(page.Hits), demo.id(t, "post:what-does-a-back-end-developer-do"))
				if post < 1 {
					t.Errorf("want the post about back-end developers among the later hits, got:%s", describe(page.Hits))
				}
				if page.Hits[0].Score <= page.Hits[1].Score {
					t.Errorf("the exact match does not outscore the next hit:%s", describe(page.Hits))
				}
			}},
			{"TypesFilterKeepsOnlyThoseTypes", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "developer", Types: []Type{Training, GlossaryTerm}, First: MaxFirst})
				if len(page.Hits) == 0 {
					t.Fatal("no training found for developer")
				}
				for _, h := range page.Hits {
					if h.Type != Training && h.Type != GlossaryTerm {
						t.Errorf("asked for trainings and glossary terms, got a %s: %s", h.Type, h.Title)
					}
				}
				if page.TotalCount != len(page.Hits) {
					t.Errorf("TotalCount %d for %d hits on one page", page.TotalCount, len(page.Hits))
				}
			}},
			{"PagingReturnsEveryHitOnce", func(t *testing.T) {
				all := search(t, anonymous, Query{Text: "developer", First: MaxFirst})
				if all.HasNextPage || all.TotalCount != len(all.Hits) || all.TotalCount < 10 {
					t.Fatalf("one big page: %d hits, total %d, next %v", len(all.Hits), all.TotalCount, all.HasNextPage)
				}
				var paged []int
				q := Query{Text: "developer", First: 3}
				for pages := 0; ; pages++ {
					page := search(t, anonymous, q)
					if page.TotalCount != all.TotalCount {
						t.Errorf("page %d: TotalCount %d, want %d", pages, page.TotalCount, all.TotalCount)
					}
					paged = append(paged, ids(page.Hits)...)
					if !page.HasNextPage {
						break
					}
					if pages > all.TotalCount {
						t.Fatal("paging does not end")
					}
					q.After = page.EndCursor
				}
				if !slices.Equal(paged, ids(all.Hits)) {
					t.Errorf("pages of 3 returned %v, one page %v", paged, ids(all.Hits))
				}
				// Any hit's cursor continues after that hit.
				after := search(t, anonymous, Query{Text: "developer", First: 2, After: all.Hits[4].Cursor})
				if got := ids(after.Hits); !slices.Equal(got, ids(all.Hits[5:7])) {
					t.Errorf("after the 5th hit's cursor: %v, want %v", got, ids(all.Hits[5:7]))
				}
			}},
			{"DraftsAreHiddenFromAnonymousCallers", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "prompt engineering", First: MaxFirst})
				for _, key := range prompt {
					if slices.Contains(ids(page.Hits), demo.id(t, key)) {
						t.Errorf("an anonymous caller found the draft %s", key)
					}
				}
			}},
			{"StaffFindDrafts", func(t *testing.T) {
				page := search(t, system, Query{Text: "prompt engineering", First: MaxFirst})
				for _, key := range prompt {
					if !slices.Contains(ids(page.Hits), demo.id(t, key)) {
						t.Errorf("the system did not find the draft %s:%s", key, describe(page.Hits))
					}
				}
			}},
			{"ProviderKeyFindsItsOwnDraftTraining", func(t *testing.T) {
				draft := st.Client.Training.Query().Where(training.Slug("prompt-engineering-essentials")).OnlyX(system)
				key := access.WithViewer(anonymous, access.Viewer{Kind: access.APIKey, KeyID: 1,
					Scopes: []access.Scope{access.ReadCatalogue, access.WriteTrainings}, ProviderID: draft.ProviderID})
				got := ids(search(t, key, Query{Text: "prompt engineering", First: MaxFirst}).Hits)
				if !slices.Contains(got, draft.ID) {
					t.Error("the provider's key did not find its own draft training")
				}
				if slices.Contains(got, demo.id(t, "profession:prompt-engineer")) {
					t.Error("the provider's key found a draft profession")
				}
			}},
			{"SnippetsMarkMatchesAndEscapeTheRest", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "kubernetes", First: MaxFirst})
				if len(page.Hits) < 3 {
					t.Fatalf("kubernetes found only:%s", describe(page.Hits))
				}
				for _, h := range page.Hits {
					if !strings.Contains(h.Snippet, "<mark>") {
						t.Errorf("%s %q: no <mark> in %q", h.Type, h.Title, h.Snippet)
					}
					if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet); strings.Contains(rest, "<") {
						t.Errorf("%s %q: raw < in %q", h.Type, h.Title, h.Snippet)
					}
				}
			}},
			{"SwappedLettersFindPythonFirst", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "pyhton"})
				if len(page.Hits) == 0 || page.Hits[0].ID != demo.id(t, "skill:python") {
					t.Fatalf("pyhton: want the Python skill first, got:%s", describe(page.Hits))
				}
				if page.TotalCount != len(page.Hits) || page.TotalCountIsLowerBound {
					t.Errorf("TotalCount %d (lower bound %v) for %d hits on one page", page.TotalCount, page.TotalCountIsLowerBound, len(page.Hits))
				}
			}},
			{"AChangeIsSearchableAtOnce", func(t *testing.T) {
				id := demo.id(t, "skill:kubernetes")
				st.Client.Skill.UpdateOneID(id).
					SetName("Zyxorchestrator").
					SetDescription(`Runs <script>alert("x")</script> containers & zyxorchestrator clusters.`).
					ExecX(system)
				page := search(t, anonymous, Query{Text: "zyxorchestr"})
				if len(page.Hits) == 0 || page.Hits[0].ID != id {
					t.Fatalf("the renamed skill is not the first hit:%s", describe(page.Hits))
				}
				sn := page.Hits[0].Snippet
				if !strings.Contains(sn, "<mark>zyxorchestrator</mark>") || !strings.Contains(sn, "&lt;script&gt;") ||
					strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(sn), "<") {
					t.Errorf("snippet %q: want the match marked and the markup escaped", sn)
				}
				if slices.Contains(ids(search(t, anonymous, Query{Text: "kubernetes", Types: []Type{Skill}}).Hits), id) {
					t.Error("the skill is still found by its old name")
				}
				st.Client.Skill.UpdateOneID(id).SetStatus("DRAFT").ExecX(system)
				if slices.Contains(ids(search(t, anonymous, Query{Text: "zyxorchestrator"}).Hits), id) {
					t.Error("the skill is still found by anonymous callers once unpublished")
				}
				added := st.Client.Skill.Create().SetName("Quuxlang").SetStatus("PUBLISHED").SaveX(system)
				if got := ids(search(t, anonymous, Query{Text: "quuxlang"}).Hits); !slices.Equal(got, []int{added.ID}) {
					t.Errorf("a new skill: found %v, want [%d]", got, added.ID)
				}
				st.Client.Skill.DeleteOneID(added.ID).ExecX(system)
				if n := search(t, system, Query{Text: "quuxlang"}).TotalCount; n != 0 {
					t.Errorf("the deleted skill is still found (%d hits)", n)
				}
			}},
		} {
			if !t.Run(tc.name, tc.run) {
				t.Logf("store: %s", d)
			}
		}
	})
}

// mustSearch runs q on s and fails the test on an error.
func mustSearch(t *testing.T, s *Searcher, ctx context.Context, q Query) Page {
	t.Helper()
	page, err := s.Search(ctx, q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return page
}

// TestTotalCountStopsAtTheCap counts "developer" (some 20 hits in the demo catalogue) with caps
// around that number instead of loading a thousand rows: the count is exact up to the cap and a
// lower bound beyond, and the cap never limits the hits themselves.
func TestTotalCountStopsAtTheCap(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		ctx := context.Background()
		all := mustSearch(t, New(st.DB, st.Dialect), ctx, Query{Text: "developer", First: MaxFirst})
		n := all.TotalCount
		if all.TotalCountIsLowerBound || n != len(all.Hits) || all.HasNextPage || n < 10 {
			t.Fatalf("one page of all hits: %d hits, total %d (lower bound %v), next %v", len(all.Hits), n, all.TotalCountIsLowerBound, all.HasNextPage)
		}
		for _, tc := range []struct {
			name       string
			cap, total int
			lowerBound bool
		}{
			{"BelowTheCapIsExact", n + 1, n, false},
			{"AtTheCapIsExact", n, n, false},
			{"OverTheCapIsALowerBound", n - 1, n - 1, true},
			{"FarOverTheCap", 3, 3, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				s := New(st.DB, st.Dialect)
				s.countCap = tc.cap
				var seen []int
				q := Query{Text: "developer", First: 4}
				for {
					page := mustSearch(t, s, ctx, q)
					if page.TotalCount != tc.total || page.TotalCountIsLowerBound != tc.lowerBound {
						t.Fatalf("cap %d: TotalCount %d, lower bound %v; want %d, %v", tc.cap, page.TotalCount, page.TotalCountIsLowerBound, tc.total, tc.lowerBound)
					}
					seen = append(seen, ids(page.Hits)...)
					if !page.HasNextPage {
						break
					}
					q.After = page.EndCursor
				}
				if !slices.Equal(seen, ids(all.Hits)) {
					t.Errorf("cap %d: paging returned %v, want %v", tc.cap, seen, ids(all.Hits))
				}
			})
		}
	})
}

// TestSmallBlocksPageThroughEveryHitOnce ranks blocks of two candidates per index, so that
// "developer" spans many blocks: pages are full while more hits follow, come block after block,
// and return every hit once.
func TestSmallBlocksPageThroughEveryHitOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		ctx := context.Background()
		all := mustSearch(t, New(st.DB, st.Dialect), ctx, Query{Text: "developer", First: MaxFirst})
		s := New(st.DB, st.Dialect)
		s.poolSize = 2
		var (
			seen   []int
			blocks []int
		)
		q := Query{Text: "developer", First: 3}
		for pages := 0; ; pages++ {
			page := mustSearch(t, s, ctx, q)
			if page.TotalCount != all.TotalCount {
				t.Errorf("page %d: TotalCount %d, want %d", pages, page.TotalCount, all.TotalCount)
			}
			if page.HasNextPage && len(page.Hits) != q.First {
				t.Errorf("page %d: %d hits and more to come", pages, len(page.Hits))
			}
			for _, h := range page.Hits {
				seen = append(seen, h.ID)
				blocks = append(blocks, h.block)
			}
			if !page.HasNextPage || pages > all.TotalCount {
				break
			}
			q.After = page.EndCursor
		}
		got, want := slices.Clone(seen), ids(all.Hits)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("paging in blocks of 2 returned %v, want the hits %v", seen, ids(all.Hits))
		}
		if !slices.IsSorted(blocks) || blocks[len(blocks)-1] < 2 {
			t.Errorf("blocks of the hits in order: %v", blocks)
		}
	})
}

// TestSmallBlocksPageBackwardThroughEveryHitOnce pages backward, last and before, from the last
// hit to the first with blocks of two candidates: the pages hold the hits before the cursor in
// ranked order, each once, as paging forward gave them.
func TestSmallBlocksPageBackwardThroughEveryHitOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		ctx := context.Background()
		s := New(st.DB, st.Dialect)
		s.poolSize = 2
		var forward []Hit
		q := Query{Text: "developer", First: 3}
		for pages := 0; ; pages++ {
			page := mustSearch(t, s, ctx, q)
			if page.HasPreviousPage != (q.After != "") {
				t.Errorf("forward page %d: HasPreviousPage %v after %q", pages, page.HasPreviousPage, q.After)
			}
			forward = append(forward, page.Hits...)
			if !page.HasNextPage || pages > 100 {
				break
			}
			q.After = page.EndCursor
		}
		if len(forward) < 7 || forward[len(forward)-1].block < 2 {
			t.Fatalf("%d hits over blocks up to %d: too few to page backward through blocks", len(forward), forward[len(forward)-1].block)
		}

		var backward []Hit
		q = Query{Text: "developer", Last: 3, Before: forward[len(forward)-1].Cursor}
		for pages := 0; ; pages++ {
			page := mustSearch(t, s, ctx, q)
			if !page.HasNextPage || len(page.Hits) == 0 || page.StartCursor != page.Hits[0].Cursor || page.EndCursor != page.Hits[len(page.Hits)-1].Cursor {
				t.Fatalf("backward page %d: HasNextPage %v, %d hits, cursors %q…%q", pages, page.HasNextPage, len(page.Hits), page.StartCursor, page.EndCursor)
			}
			if page.HasPreviousPage && len(page.Hits) != q.Last {
				t.Errorf("backward page %d: %d hits and more before them", pages, len(page.Hits))
			}
			backward = append(slices.Clone(page.Hits), backward...)
			if !page.HasPreviousPage || pages > 100 {
				break
			}
			q.Before = page.StartCursor
		}
		if got, want := ids(backward), ids(forward[:len(forward)-1]); !slices.Equal(got, want) {
			t.Errorf("paging backward gave %v, want the hits before the last in ranked order %v", got, want)
		}
	})
}

// TestDraftsNeverShow: a draft is neither found, nor counted, nor a correction that finds a text
// mentioning its name, for callers who may not read it.
func TestDraftsNeverShow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		s := New(st.DB, st.Dialect)
		anonymous := context.Background()
		system := access.AsSystem(anonymous)
		draft := st.Client.Skill.Create().SetName("Quuxplorer").SetDescription("Quuxplorer internals.").SaveX(system)
		post := st.Client.BlogPost.Create().SetTitle("Notes on tooling").SetBody("We tried quuxplorer last week.").
			SetStatus(enum.Published).SaveX(system)
		providers := st.Client.Provider.Query().Order(ent.Asc("id")).Limit(2).AllX(system)
		if len(providers) < 2 {
			t.Fatal("the demo catalogue has fewer than two providers")
		}
		training := st.Client.Training.Create().SetTitle("Quuxplorer in depth").SetLevel(enum.Beginner).SetFormat(enum.Online).
			SetProviderID(providers[0].ID).SaveX(system)
		keyOf := func(provider int) context.Context {
			return access.WithViewer(anonymous, access.Viewer{Kind: access.APIKey, KeyID: 1,
				Scopes: []access.Scope{access.ReadCatalogue, access.WriteTrainings}, ProviderID: provider})
		}
		for _, tc := range []struct {
			name  string
			ctx   context.Context
			text  string
			types []Type
			want  []int
		}{
			{"AnonymousFindsOnlyThePublishedPost", anonymous, "quuxplorer", nil, []int{post.ID}},
			{"ATypoCorrectedFromADraftFindsNothing", anonymous, "quuxplorr", nil, nil},
			{"TheSkillsOfAnonymousHoldNoDraft", anonymous, "quuxplorer", []Type{Skill, Training}, nil},
			{"AnotherProvidersKeySeesNoDraft", keyOf(providers[1].ID), "quuxplorer", nil, []int{post.ID}},
			{"TheOwnersKeySeesItsTraining", keyOf(providers[0].ID), "quuxplorr", nil, []int{training.ID}},
			{"StaffSeeEverything", system, "quuxplorer", nil, []int{draft.ID, post.ID, training.ID}},
			{"StaffGetTheCorrection", system, "quuxplorr", nil, []int{draft.ID, training.ID}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				page := mustSearch(t, s, tc.ctx, Query{Text: tc.text, Types: tc.types, First: MaxFirst})
				got := ids(page.Hits)
				slices.Sort(got)
				want := slices.Clone(tc.want)
				slices.Sort(want)
				if !slices.Equal(got, want) || page.TotalCount != len(want) || page.TotalCountIsLowerBound {
					t.Errorf("%q: found %v (TotalCount %d), want %v:%s", tc.text, got, page.TotalCount, want, describe(page.Hits))
				}
				for _, h := range page.Hits {
					if h.ID == post.ID && strings.Contains(h.Snippet, "Quuxplorer internals") {
						t.Errorf("the post's snippet shows the draft's text: %s", h.Snippet)
					}
				}
			})
		}
	})
}

// TestWritesAreSearchableAtOnce creates, publishes, renames and deletes an object of every type
// and searches after each write: the triggers keep the search documents in step.
func TestWritesAreSearchableAtOnce(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		s := New(st.DB, st.Dialect)
		anonymous := context.Background()
		system := access.AsSystem(anonymous)
		c := st.Client
		provider := c.Provider.Query().FirstIDX(system)
		type object struct {
			create          func(title string) int
			rename, publish func(id int, title string)
			remove          func(id int)
		}
		objects := map[Type]object{
			Profession: {
				create:  func(title string) int { return c.Profession.Create().SetTitle(title).SaveX(system).ID },
				rename:  func(id int, title string) { c.Profession.UpdateOneID(id).SetTitle(title).ExecX(system) },
				publish: func(id int, _ string) { c.Profession.UpdateOneID(id).SetStatus(enum.Published).ExecX(system) },
				remove:  func(id int) { c.Profession.DeleteOneID(id).ExecX(system) },
			},
			Skill: {
				create:  func(title string) int { return c.Skill.Create().SetName(title).SaveX(system).ID },
				rename:  func(id int, title string) { c.Skill.UpdateOneID(id).SetName(title).ExecX(system) },
				publish: func(id int, _ string) { c.Skill.UpdateOneID(id).SetStatus(enum.Published).ExecX(system) },
				remove:  func(id int) { c.Skill.DeleteOneID(id).ExecX(system) },
			},
			Training: {
				create: func(title string) int {
					return c.Training.Create().SetTitle(title).SetLevel(enum.Beginner).SetFormat(enum.Online).SetProviderID(provider).SaveX(system).ID
				},
				rename:  func(id int, title string) { c.Training.UpdateOneID(id).SetTitle(title).ExecX(system) },
				publish: func(id int, _ string) { c.Training.UpdateOneID(id).SetStatus(enum.Published).ExecX(system) },
				remove:  func(id int) { c.Training.DeleteOneID(id).ExecX(system) },
			},
			BlogPost: {
				create:  func(title string) int { return c.BlogPost.Create().SetTitle(title).SaveX(system).ID },
				rename:  func(id int, title string) { c.BlogPost.UpdateOneID(id).SetTitle(title).ExecX(system) },
				publish: func(id int, _ string) { c.BlogPost.UpdateOneID(id).SetStatus(enum.Published).ExecX(system) },
				remove:  func(id int) { c.BlogPost.DeleteOneID(id).ExecX(system) },
			},
			GlossaryTerm: {
				create:  func(title string) int { return c.GlossaryTerm.Create().SetTerm(title).SaveX(system).ID },
				rename:  func(id int, title string) { c.GlossaryTerm.UpdateOneID(id).SetTerm(title).ExecX(system) },
				publish: func(id int, _ string) { c.GlossaryTerm.UpdateOneID(id).SetStatus(enum.Published).ExecX(system) },
				remove:  func(id int) { c.GlossaryTerm.DeleteOneID(id).ExecX(system) },
			},
		}
		for _, typ := range AllTypes {
			t.Run(string(typ), func(t *testing.T) {
				o := objects[typ]
				found := func(ctx context.Context, text string) []int {
					t.Helper()
					page := mustSearch(t, s, ctx, Query{Text: text, Types: []Type{typ}})
					if page.TotalCount != len(page.Hits) {
						t.Errorf("%q: TotalCount %d for %d hits", text, page.TotalCount, len(page.Hits))
					}
					return ids(page.Hits)
				}
				id := o.create("Zorbulator")
				if got := found(anonymous, "zorbulator"); len(got) != 0 {
					t.Errorf("anonymous callers found the new draft: %v", got)
				}
				if got := found(system, "zorbulator"); !slices.Equal(got, []int{id}) {
					t.Errorf("staff found %v, want the new draft %d", got, id)
				}
				o.publish(id, "")
				if got := found(anonymous, "zorbulator"); !slices.Equal(got, []int{id}) {
					t.Errorf("once published: found %v, want %d", got, id)
				}
				o.rename(id, "Frobnicator")
				if got := found(system, "zorbulator"); len(got) != 0 {
					t.Errorf("still found by the old name: %v", got)
				}
				if got := found(anonymous, "frobnicatr"); !slices.Equal(got, []int{id}) {
					t.Errorf("a typo of the new name found %v, want %d", got, id)
				}
				o.remove(id)
				if got := found(system, "frobnicator"); len(got) != 0 {
					t.Errorf("found once deleted: %v", got)
				}
			})
		}
	})
}

// TestAnUpsertKeepsTheDocumentInStep writes as the imports do, with INSERT … ON CONFLICT DO
// UPDATE, names whose words the dictionary already holds: SQLite hands the statement's conflict
// policy down to the triggers, which must not make a known word a failed write.
func TestAnUpsertKeepsTheDocumentInStep(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		s := New(st.DB, st.Dialect)
		q := `INSERT INTO skills (created_at, updated_at, slug, status, name, description, kind) VALUES (?, ?, 'kubernetes-operators', 'PUBLISHED', ?, '', 'HARD')
			ON CONFLICT (slug) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`
		if d == dialect.Postgres {
			q = strings.NewReplacer("(?, ?,", "($1, $2,", "'', 'HARD')", "'', 'HARD')", ", ?, ''", ", $3, ''").Replace(q)
		}
		now := time.Now().UTC()
		for _, name := range []string{"Kubernetes operators", "Kubernetes operators for Python developers"} {
			if _, err := st.DB.Exec(q, now, now, name); err != nil {
				t.Fatalf("upserting %q: %v", name, err)
			}
			page := mustSearch(t, s, context.Background(), Query{Text: name, Types: []Type{Skill}})
			if len(page.Hits) == 0 || page.Hits[0].Title != name {
				t.Errorf("%q: want the upserted skill first:%s", name, describe(page.Hits))
			}
		}
	})
}

// TestSearchStatements counts the statements of a search: the ranked query, the dictionary
// look-up when a word is long enough to correct, the settings on PostgreSQL and one statement
// per type of hit on the page for the snippets, however many rows match.
func TestSearchStatements(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		var n atomic.Int64
		st := testdb.Open(t, d, testdb.Options{CountStatement: func() { n.Add(1) }})
		s := New(st.DB, st.Dialect)
		settings := 0
		if d == dialect.Postgres {
			settings = 1
		}
		for _, tc := range []struct {
			text   string
			lookUp int
		}{{"data", 0}, {"kube", 0}, {"pyhton", 1}, {"python developer", 1}} {
			n.Store(0)
			page := mustSearch(t, s, context.Background(), Query{Text: tc.text})
			types := map[Type]bool{}
			for _, h := range page.Hits {
				types[h.Type] = true
			}
			if want := int64(settings + tc.lookUp + 1 + len(types)); n.Load() != want {
				t.Errorf("%q: %d statements, want %d", tc.text, n.Load(), want)
			}
		}
	})
}

// TestSQLiteSearchRunsOnIndexes checks the plan of SQLite's ranked query: the documents are read
// by ID only, never scanned, and the full-text tables through their indexes.
func TestSQLiteSearchRunsOnIndexes(t *testing.T) {
	st := testdb.Open(t, dialect.SQLite, testdb.Options{})
	for _, text := range []string{"devloper", "kube", "Back-End Developer", "data"} {
		p, err := New(st.DB, st.Dialect).prepare(context.Background(), Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		plan := sqlitePlan(t, st, withFixes(t, st, p))
		for _, line := range strings.Split(plan, "\n") {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "SCAN d") || strings.Contains(line, "SCAN search_documents") {
				t.Errorf("%q: the plan scans the documents: %s\n%s", text, line, plan)
			}
			if strings.HasPrefix(line, "SCAN s VIRTUAL TABLE") && !strings.Contains(line, ":M") {
				t.Errorf("%q: a full-text table is read without its index: %s\n%s", text, line, plan)
			}
		}
	}
}

// TestInvalidQueriesAreBadUserInput checks the input rules, which hold before any database work.
func TestInvalidQueriesAreBadUserInput(t *testing.T) {
	s := New(nil, dialect.SQLite)
	developer, _ := parse(Query{Text: "developer", First: 1})
	otherSearch := cursor{Score: 1, Type: Skill, ID: 1, Key: developer.key}.encode()
	for _, tc := range []struct {
		name  string
		q     Query
		field string
	}{
		{"EmptyText", Query{Text: ""}, "query"},
		{"OnlyWhiteSpace", Query{Text: " \t\n "}, "query"},
		{"NoLetterOrDigit", Query{Text: "?! -"}, "query"},
		{"TooLong", Query{Text: strings.Repeat("a", MaxTextLength+1)}, "query"},
		{"UnknownType", Query{Text: "go", Types: []Type{"PROVIDER"}}, "types"},
		{"FirstTooLarge", Query{Text: "go", First: MaxFirst + 1}, "first"},
		{"FirstNegative", Query{Text: "go", First: -1}, "first"},
		{"CursorOfAnotherSearch", Query{Text: "kube", After: otherSearch}, "after"},
		{"CursorNotACursor", Query{Text: "kube", After: "bm90IGEgY3Vyc29y"}, "after"},
		{"BeforeOfAnotherSearch", Query{Text: "kube", Last: 2, Before: otherSearch}, "before"},
		{"LastWithoutBefore", Query{Text: "kube", Last: 2}, "before"},
		{"BeforeWithoutLast", Query{Text: "kube", Before: otherSearch}, "last"},
		{"BothWays", Query{Text: "kube", First: 2, Last: 2, Before: otherSearch}, "after"},
		{"LastTooLarge", Query{Text: "kube", Last: MaxFirst + 1, Before: otherSearch}, "last"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Search(context.Background(), tc.q)
			var apiErr *apierr.Error
			if !errors.As(err, &apiErr) || apiErr.Code != apierr.BadUserInput || apiErr.Field != tc.field {
				t.Fatalf("got %v, want BAD_USER_INPUT on %s", err, tc.field)
			}
		})
	}
	// The longest text accepted is fine (counted in characters, not bytes).
	if _, err := parse(Query{Text: strings.Repeat("ä", MaxTextLength)}); err != nil {
		t.Errorf("a text of %d characters: %v", MaxTextLength, err)
	}
}

// TestSQLiteTriggersKeepTheIndexInStep guards the SQLite triggers: a migration that rebuilds one
// of the searchable tables drops its triggers, and search would silently go stale.
func TestSQLiteTriggersKeepTheIndexInStep(t *testing.T) {
	st := testdb.Open(t, dialect.SQLite, testdb.Options{Empty: true})
	for _, typ := range AllTypes {
		table := sources[typ].table
		for _, event := range []string{"insert", "update", "delete"} {
			var n int
			name := table + "_search_" + event
			if err := st.DB.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?`, name, table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("trigger %s is missing: a migration rebuilt %s without creating it again (copy it from migrations/sqlite/20261122100000_search_documents.up.sql)", name, table)
			}
		}
	}
}

// TestPostgresSearchRunsOnIndexes loads 20,000 synthetic rows and checks the plan of the ranked
// query as Search runs it: the search tables are read through their indexes, never by a
// sequential scan, and the rows read (EXPLAIN ANALYZE) do not follow the hits. A search reads
// the hits it counts and their documents (up to the cap; the first of them are candidates too),
// the name matches it picks the closest titles from, and the documents and words of the
// candidates it ranks. For "data", in two thirds of the rows, that is a fraction of its hits.
func TestPostgresSearchRunsOnIndexes(t *testing.T) {
	st := testdb.Open(t, dialect.Postgres, testdb.Options{})
	loadSynthetic(t, st.DB, 20000)
	var rows int
	if err := st.DB.QueryRow(`SELECT count(*) FROM search_texts`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"devloper", "kube", "Back-End Developer", "data", "pyhton"} {
		t.Run(strings.ReplaceAll(text, " ", "_"), func(t *testing.T) {
			p, err := New(st.DB, st.Dialect).prepare(context.Background(), Query{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			p = withFixes(t, st, p)
			used := map[string]bool{}
			read := 0
			for _, n := range explain(t, st, p) {
				if n.Type == "Seq Scan" && strings.HasPrefix(n.Relation, "search_") {
					t.Errorf("sequential scan of %s", n.Relation)
				}
				if n.Index != "" {
					used[n.Index] = true
				}
				if strings.HasSuffix(n.Type, " Scan") && n.Relation != "" {
					read += (n.Rows + n.RemovedByFilter + n.RemovedByRecheck) * n.Loops
				}
			}
			if !used["search_documents_name_words"] {
				t.Error("the plan does not use search_documents_name_words")
			}
			var (
				hits int
				args []any
			)
			match, nameQuery := postgresTSQueries(p, &args)
			if err := st.DB.QueryRow(`SELECT count(*) FROM search_texts WHERE words @@ `+match+` AND `+nameQuery+` IS NOT NULL`, args...).Scan(&hits); err != nil {
				t.Fatal(err)
			}
			var names int
			if err := st.DB.QueryRow(`SELECT count(*) FROM search_documents WHERE name_words @@ `+nameQuery+` AND `+match+` IS NOT NULL`, args...).Scan(&names); err != nil {
				t.Fatal(err)
			}
			bound := 2*(p.countCap+1) + 2*names + 6*p.pool
			t.Logf("%d rows read for %d hits (%d name matches); the bound is %d", read, hits, names, bound)
			if read > bound || (text == "data" && read > hits/3) {
				t.Errorf("%d rows read for %d hits (%d name matches) among %d rows; the bound is %d", read, hits, names, rows, bound)
			}
			if t.Failed() {
				t.Log(explainText(t, st, p, true))
			}
		})
	}
}

// planNode is one node of an EXPLAIN (ANALYZE, FORMAT JSON) plan.
type planNode struct {
	Type             string     `json:"Node Type"`
	Relation         string     `json:"Relation Name"`
	Index            string     `json:"Index Name"`
	Rows             int        `json:"Actual Rows"`
	Loops            int        `json:"Actual Loops"`
	RemovedByFilter  int        `json:"Rows Removed by Filter"`
	RemovedByRecheck int        `json:"Rows Removed by Index Recheck"`
	Plans            []planNode `json:"Plans"`
}

// explain runs the ranked query for p under EXPLAIN ANALYZE and returns the nodes of its plan,
// flattened.
func explain(t testing.TB, st *store.Store, p plan) []planNode {
	t.Helper()
	var raw string
	inPlanTx(t, st, p, "EXPLAIN (ANALYZE, FORMAT JSON) ", func(s string) { raw = s })
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(raw), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("reading the plan: %v", err)
	}
	var out []planNode
	var walk func(n planNode)
	walk = func(n planNode) {
		out = append(out, n)
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(plans[0].Plan)
	return out
}

// explainText returns the plan of the ranked query as PostgreSQL prints it; with analyze, it
// runs the query and shows times.
func explainText(t testing.TB, st *store.Store, p plan, analyze bool) string {
	t.Helper()
	var lines []string
	opts := "(COSTS OFF)"
	if analyze {
		opts = "(ANALYZE, BUFFERS, COSTS OFF)"
	}
	inPlanTx(t, st, p, "EXPLAIN "+opts+" ", func(s string) { lines = append(lines, s) })
	return strings.Join(lines, "\n")
}

// withFixes returns p with the corrections Search would find for it.
func withFixes(t testing.TB, st *store.Store, p plan) plan {
	t.Helper()
	ctx := context.Background()
	var err error
	if st.Dialect == dialect.SQLite {
		err = sqliteFixes(ctx, st.DB, &p)
	} else {
		var tx *sql.Tx
		if tx, err = st.DB.BeginTx(ctx, nil); err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback() //nolint:errcheck // Read only.
		if _, err = tx.ExecContext(ctx, pgSettings); err == nil {
			err = postgresFixes(ctx, tx, &p)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// inPlanTx runs prefix + the ranked query for p in a transaction with pgSettings, as Search runs
// it, and passes each row of the single text column to row.
func inPlanTx(t testing.TB, st *store.Store, p plan, prefix string, row func(string)) {
	t.Helper()
	ctx := context.Background()
	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.ExecContext(ctx, pgSettings); err != nil {
		t.Fatal(err)
	}
	q, args := postgresQuery(p)
	rows, err := tx.QueryContext(ctx, prefix+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		row(s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
