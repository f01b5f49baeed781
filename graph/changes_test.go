package graph_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestChangeFeed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		editor, reader := as.ByName["editor"], as.ByName["readKey"]

		seeded, cursor := apitest.Drain(t, reader, "")
		if len(seeded) < 100 {
			t.Fatalf("the feed holds %d entries after seeding the demo catalogue, want one per object at least", len(seeded))
		}

		var created struct{ CreateProfession struct{ ID string } }
		editor.Query(t, `mutation { createProfession(input: {title: "Feed Watcher"}) { id } }`, nil, &created)
		id := created.CreateProfession.ID
		editor.Query(t, `mutation($id: ID!) { updateProfession(id: $id, input: {summary: "Watches feeds."}) { id } }`, map[string]any{"id": id}, &struct{}{})
		var tag struct{ CreateTag struct{ ID string } }
		editor.Query(t, `mutation { createTag(input: {name: "Feeds"}) { id } }`, nil, &tag)
		editor.Query(t, `mutation($id: ID!) { deleteProfession(id: $id) { deletedId } }`, map[string]any{"id": id}, &struct{}{})

		t.Run("EveryWriteInOrderWithTombstones", func(t *testing.T) {
			got, _ := apitest.Drain(t, reader, cursor)
			var ops []string
			for _, e := range got {
				if e.ObjectID == id {
					ops = append(ops, e.Type+" "+e.Operation)
				}
			}
			want := []string{"Profession CREATE", "Profession UPDATE", "Profession DELETE"}
			if !slices.Equal(ops, want) {
				t.Errorf("entries of the profession: %v, want %v", ops, want)
			}
			if len(got) != 4 || got[2].ObjectID != tag.CreateTag.ID || got[2].Operation != "CREATE" {
				t.Errorf("feed after the cursor: %+v, want the profession's create and update, the tag's create, the profession's tombstone", got)
			}
			first, err1 := time.Parse(time.RFC3339Nano, got[0].At)
			last, err2 := time.Parse(time.RFC3339Nano, got[3].At)
			if err1 != nil || err2 != nil || last.Before(first) {
				t.Errorf("times %q … %q are not in order", got[0].At, got[3].At)
			}
		})
		t.Run("TypesFilter", func(t *testing.T) {
			got, _ := apitest.Drain(t, reader, cursor, "Tag")
			if len(got) != 1 || got[0].ObjectID != tag.CreateTag.ID {
				t.Errorf("tag changes after the cursor: %+v, want the one tag created", got)
			}
		})
		t.Run("ResumesFromAnyCursor", func(t *testing.T) {
			all, end := apitest.Drain(t, reader, "")
			rest, _ := apitest.Drain(t, reader, all[len(all)-3].Cursor)
			if len(rest) != 2 || rest[1] != all[len(all)-1] {
				t.Errorf("read after the third-last entry: %+v, want the last two", rest)
			}
			if more, again := apitest.Drain(t, reader, end); len(more) != 0 || again != end {
				t.Errorf("read at the end: %d entries and cursor %q, want none and the same cursor", len(more), again)
			}
		})
		t.Run("SeatCountsAreChanges", func(t *testing.T) {
			_, from := apitest.Drain(t, reader, "")
			session := apitest.NewSession(t, s, 3, nil)
			s.Query(t, apitest.Register, map[string]any{"s": session, "n": "Feed Learner", "e": "feed@example.org"}, &struct{}{})
			got, _ := apitest.Drain(t, reader, from, "TrainingSession")
			var ops []string
			for _, e := range got {
				if e.ObjectID == session {
					ops = append(ops, e.Operation)
				}
			}
			if !slices.Equal(ops, []string{"CREATE", "UPDATE"}) {
				t.Errorf("entries of the session: %v, want CREATE and the UPDATE of its seats", ops)
			}
		})
		t.Run("LinksChangeTheirOwner", func(t *testing.T) {
			_, from := apitest.Drain(t, reader, "")
			var skill struct {
				Skills struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			editor.Query(t, `{ skills(first: 1) { edges { node { id } } } }`, nil, &skill)
			var p struct{ CreateProfession struct{ ID string } }
			editor.Query(t, `mutation { createProfession(input: {title: "Link Keeper"}) { id } }`, nil, &p)
			editor.Query(t, `mutation($p: ID!, $s: ID!) { setProfessionSkills(professionId: $p, skills: [{skillId: $s, importance: ESSENTIAL}]) { id } }`,
				map[string]any{"p": p.CreateProfession.ID, "s": skill.Skills.Edges[0].Node.ID}, &struct{}{})
			got, _ := apitest.Drain(t, reader, from)
			if len(got) < 2 || got[len(got)-1].ObjectID != p.CreateProfession.ID || got[len(got)-1].Operation != "UPDATE" {
				t.Errorf("feed after linking a skill: %+v, want an UPDATE of the profession last", got)
			}
			var post struct{ CreateBlogPost struct{ ID string } }
			editor.Query(t, `mutation($s: ID!) { createBlogPost(input: {title: "Linked Up", skillIDs: [$s]}) { id } }`,
				map[string]any{"s": skill.Skills.Edges[0].Node.ID}, &post)
			_, from = apitest.Drain(t, reader, "")
			editor.Query(t, `mutation($id: ID!) { deleteBlogPost(id: $id) { deletedId } }`, map[string]any{"id": post.CreateBlogPost.ID}, &struct{}{})
			got, _ = apitest.Drain(t, reader, from)
			if len(got) != 1 || got[0].ObjectID != post.CreateBlogPost.ID || got[0].Operation != "DELETE" {
				t.Errorf("feed after deleting a blog post with a skill link: %+v, want its tombstone alone", got)
			}
		})
		t.Run("Access", func(t *testing.T) {
			if e := s.Client.Fails(t, apitest.ReadChanges, nil); e.Code() != "UNAUTHENTICATED" {
				t.Errorf("anonymous read: %s %q, want UNAUTHENTICATED", e.Code(), e.Message)
			}
			if _, end := apitest.Drain(t, editor, ""); end == "" {
				t.Error("staff read no cursor")
			}
			e := reader.Fails(t, apitest.ReadChanges, map[string]any{"after": "bm90LWEtY3Vyc29y"})
			if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "after" {
				t.Errorf("foreign cursor: %s %v, want BAD_USER_INPUT on after", e.Code(), e.Extensions)
			}
		})
	})
}

// TestChangeFeedUnderConcurrentWrites mirrors the feed while writers commit concurrently, in
// transactions that write several objects each: a partner that polls with the end cursor must
// end up with every object exactly once.
func TestChangeFeedUnderConcurrentWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		editor, reader := as.ByName["editor"], as.ByName["readKey"]
		_, cursor := apitest.Drain(t, reader, "", "Tag")

		const writers, rounds = 6, 15
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			written []string
		)
		for w := range writers {
			wg.Go(func() {
				for r := range rounds {
					resp := editor.Do(t, fmt.Sprintf(`mutation {
  a: createTag(input: {name: "w%[1]d r%[2]d a"}) { id }
  b: createTag(input: {name: "w%[1]d r%[2]d b"}) { id }
  c: createTag(input: {name: "w%[1]d r%[2]d c"}) { id }
}`, w, r), nil)
					var out struct{ A, B, C struct{ ID string } }
					if len(resp.Errors) > 0 || json.Unmarshal(resp.Data, &out) != nil {
						t.Errorf("writer %d round %d: %+v", w, r, resp.Errors)
						return
					}
					mu.Lock()
					written = append(written, out.A.ID, out.B.ID, out.C.ID)
					mu.Unlock()
				}
			})
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()

		seen := map[string]int{}
		var polls int
		for finished := false; !finished; {
			select {
			case <-done:
				finished = true
			default:
			}
			var got []apitest.Change
			got, cursor = apitest.Drain(t, reader, cursor, "Tag")
			polls++
			for _, e := range got {
				seen[e.ObjectID]++
			}
		}
		if len(written) != writers*rounds*3 {
			t.Fatalf("%d tags written, want %d", len(written), writers*rounds*3)
		}
		for _, id := range written {
			if seen[id] != 1 {
				t.Errorf("tag %s seen %d times in the mirrored feed, want once", id, seen[id])
			}
		}
		if len(seen) != len(written) {
			t.Errorf("the mirrored feed names %d tags, %d were written", len(seen), len(written))
		}
		t.Logf("%s: %d tags by %d writers mirrored in %d polls", d, len(written), writers, polls)
	})
}
