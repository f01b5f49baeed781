package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"careergraph/ent/profession"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// TestReferencesToDraftsReadAsMissing: an argument that must name an existing object (a session
// to register for, skills a learner has) is refused alike whether the ID names nothing or a draft
// the caller may not read. Were a draft's ID answered otherwise, anyone could learn which drafts
// exist by trying IDs.
func TestReferencesToDraftsReadAsMissing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		p := c.Provider.Query().Where(provider.Slug("helsinki-code-academy")).OnlyX(ctx)
		tr := c.Training.Create().SetTitle("Unannounced Training").SetLevel(enum.Beginner).SetFormat(enum.Classroom).
			SetProviderID(p.ID).SetStatus(enum.Draft).SaveX(ctx)
		start := time.Now().Add(30 * 24 * time.Hour)
		session := c.TrainingSession.Create().SetTrainingID(tr.ID).SetCode("draft").SetStartsAt(start).
			SetEndsAt(start.Add(time.Hour)).SetCapacity(10).SaveX(ctx)
		skill := c.Skill.Create().SetName("Unannounced Skill").SetStatus(enum.Draft).SaveX(ctx)
		prof := c.Profession.Query().Where(profession.Slug("back-end-developer")).OnlyX(ctx)

		// IDs of the same types that name nothing.
		noSession, noSkill := gid.Encode(session.ID+1_000_000), gid.Encode(skill.ID+1_000_000)
		register := `mutation($s: ID!) { registerForSession(input: {sessionId: $s, name: "Ann", email: "ann@example.org"}) { status } }`
		gap := `query($p: ID!, $h: [ID!]!) { skillGap(profession: $p, have: $h) { essentialShare } }`
		for _, c := range []struct {
			name, query        string
			draft, nothing     map[string]any
			draftID, nothingID string
		}{
			{"SessionOfADraftTraining", register, map[string]any{"s": gid.Encode(session.ID)}, map[string]any{"s": noSession}, gid.Encode(session.ID), noSession},
			{"DraftSkill", gap, map[string]any{"p": gid.Encode(prof.ID), "h": []string{gid.Encode(skill.ID)}},
				map[string]any{"p": gid.Encode(prof.ID), "h": []string{noSkill}}, gid.Encode(skill.ID), noSkill},
		} {
			draft, nothing := s.Fails(t, c.query, c.draft), s.Fails(t, c.query, c.nothing)
			if draft.Code() != nothing.Code() || strings.ReplaceAll(draft.Message, c.draftID, "ID") != strings.ReplaceAll(nothing.Message, c.nothingID, "ID") {
				t.Errorf("%s: a draft's ID is answered %s %q, an ID of nothing %s %q",
					c.name, draft.Code(), draft.Message, nothing.Code(), nothing.Message)
			}
			if fmt.Sprint(draft.Extensions["field"]) != fmt.Sprint(nothing.Extensions["field"]) {
				t.Errorf("%s: the refusals name different fields: %v and %v", c.name, draft.Extensions["field"], nothing.Extensions["field"])
			}
		}
	})
}
