package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"careergraph/ent"
	"careergraph/ent/accesstoken"
	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/ent/user"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

const password = apitest.Password

func TestAccessMatrix(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		session := c.TrainingSession.Query().Where(trainingsession.SeatsLeftGT(5), trainingsession.StatusEQ(enum.Scheduled)).
			QueryTraining().Where(training.StatusEQ(enum.Published)).QuerySessions().
			Where(trainingsession.SeatsLeftGT(5), trainingsession.StatusEQ(enum.Scheduled)).FirstIDX(ctx)
		staff := apitest.Allowed("editor", "admin")
		everyone := apitest.Allowed(apitest.ActorNames...)

		// Reads: drafts are null for those who may not see them; personal data is an error.
		reads := []struct {
			name, query string
			who         map[string]bool
			denial      string // "null" or "error"
		}{
			{"DraftProfession", `{ x: profession(slug: "prompt-engineer") { title } }`, staff, "null"},
			{"DraftsInLists", `{ x: professions(where: {status: DRAFT}) { totalCount } }`, staff, "zero"},
			{"Registrations", `{ x: registrations { totalCount } }`, staff, "error"},
			{"RegistrationsOfASession", `{ trainingSessions(first: 1) { edges { node { registrations { totalCount } } } } }`, staff, "error"},
			{"Enquiries", `{ x: enquiries { totalCount } }`, staff, "error"},
			{"StaffAccounts", `{ x: users { totalCount } }`, apitest.Allowed("admin"), "error"},
			{"APIKeys", `{ x: apiKeys { totalCount } }`, apitest.Allowed("admin"), "error"},
			{"AuditEvents", `{ x: auditEvents { totalCount } }`, apitest.Allowed("admin"), "error"},
			{"MySessions", `{ x: mySessions { totalCount } }`, staff, "error"},
		}
		for _, r := range reads {
			for _, who := range apitest.ActorNames {
				t.Run(r.name+"/"+who, func(t *testing.T) {
					resp := as.ByName[who].Do(t, r.query, nil)
					switch {
					case r.who[who]:
						if len(resp.Errors) > 0 || strings.Contains(string(resp.Data), `"x":null`) || strings.Contains(string(resp.Data), `"totalCount":0`) && r.denial == "zero" {
							t.Errorf("refused or empty: %s %+v", resp.Data, resp.Errors)
						}
					case r.denial == "null":
						if len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), `"x":null`) {
							t.Errorf("got %s %+v, want null", resp.Data, resp.Errors)
						}
					case r.denial == "zero":
						if !strings.Contains(string(resp.Data), `"totalCount":0`) {
							t.Errorf("got %s, want no drafts", resp.Data)
						}
					default:
						wantCode := "FORBIDDEN"
						if who == "anonymous" {
							wantCode = "UNAUTHENTICATED"
						}
						if len(resp.Errors) == 0 || resp.Errors[0].Code() != wantCode {
							t.Errorf("got %s %+v, want %s", resp.Data, resp.Errors, wantCode)
						}
					}
				})
			}
		}

		// Writes: a refused one is FORBIDDEN (UNAUTHENTICATED for anonymous) and changes nothing.
		n := 0
		unique := func() string { n++; return fmt.Sprintf("%d", n) }
		start := time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
		end := time.Now().Add(32 * 24 * time.Hour).UTC().Format(time.RFC3339)
		// The accounts and keys that staff and key management act on.
		target, err := auth.New(c, auth.Options{}).CreateUser(ctx, c, auth.NewUser{Email: "target@careergraph.example", Password: password, Role: enum.Editor})
		if err != nil {
			t.Fatal(err)
		}
		targetID := gid.Encode(target.ID)
		leaving, err := auth.New(c, auth.Options{}).CreateUser(ctx, c, auth.NewUser{Email: "leaving@careergraph.example", Password: password, Role: enum.Editor})
		if err != nil {
			t.Fatal(err)
		}
		_, targetKey, err := auth.New(c, auth.Options{}).CreateKey(ctx, c, auth.NewKey{Name: "matrix target", Scopes: []enum.Scope{enum.ReadCatalogue}})
		if err != nil {
			t.Fatal(err)
		}
		keyID := gid.Encode(targetKey.ID)
		// A second session of the editor, which the editor (and nobody else) may end.
		var again struct{ SignIn struct{ Token string } }
		s.Query(t, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
			map[string]any{"e": "editor@careergraph.example", "p": password}, &again)
		editorID := c.User.Query().Where(user.Email("editor@careergraph.example")).OnlyIDX(ctx)
		editorSession := c.AccessToken.Query().Where(accesstoken.UserID(editorID)).Order(ent.Desc(accesstoken.FieldID)).FirstIDX(ctx)
		ownPasswords := func() string {
			var hashes []string
			for _, u := range c.User.Query().Where(user.EmailIn("editor@careergraph.example", "admin@careergraph.example")).Order(ent.Asc(user.FieldID)).AllX(ctx) {
				hashes = append(hashes, u.PasswordHash)
			}
			return strings.Join(hashes, " ")
		}
		userState := func() string {
			u := c.User.GetX(ctx, target.ID)
			return fmt.Sprint(u.Disabled, u.Role, u.PasswordHash)
		}
		keyState := func() string {
			k := c.APIKey.GetX(ctx, targetKey.ID)
			return fmt.Sprint(k.SecretHash, k.RevokedAt)
		}
		// Refusals that are not FORBIDDEN: an administrator may not end another member's session,
		// which for them does not exist.
		notFoundFor := map[string]map[string]string{"EndSession": {"admin": "NOT_FOUND"}}

		writes := []struct {
			name  string
			query func() (string, map[string]any)
			who   map[string]bool
			state func() string
		}{
			{"CreateProfession", func() (string, map[string]any) {
				return `mutation($t: String!) { createProfession(input: {title: $t}) { id } }`, map[string]any{"t": "Matrix Profession " + unique()}
			}, staff, func() string { return fmt.Sprint(c.Profession.Query().CountX(ctx)) }},
			{"UpdateSkill", func() (string, map[string]any) {
				return `mutation { updateSkill(id: "` + gid.Encode(c.Skill.Query().FirstIDX(ctx)) + `", input: {description: "changed ` + unique() + `"}) { id } }`, nil
			}, staff, func() string { return c.Skill.Query().FirstX(ctx).Description }},
			{"UpdateOwnProvidersTraining", func() (string, map[string]any) {
				return `mutation($id: ID!, $s: String!) { updateTraining(id: $id, input: {summary: $s}) { id } }`, map[string]any{"id": as.OwnTraining, "s": "own " + unique()}
			}, apitest.Allowed("editor", "admin", "ownKey"), func() string {
				k, _, _ := gid.Decode(as.OwnTraining)
				return c.Training.GetX(ctx, k).Summary
			}},
			{"UpdateOtherProvidersTraining", func() (string, map[string]any) {
				return `mutation($id: ID!, $s: String!) { updateTraining(id: $id, input: {summary: $s}) { id } }`, map[string]any{"id": as.OtherTraining, "s": "other " + unique()}
			}, apitest.Allowed("editor", "admin", "otherKey"), func() string {
				k, _, _ := gid.Decode(as.OtherTraining)
				return c.Training.GetX(ctx, k).Summary
			}},
			{"CreateTrainingForHelsinkiCodeAcademy", func() (string, map[string]any) {
				return `mutation($p: ID!, $t: String!) { createTraining(input: {title: $t, level: BEGINNER, format: ONLINE, providerID: $p}) { id } }`,
					map[string]any{"p": as.OwnProvider, "t": "Matrix Training " + unique()}
			}, apitest.Allowed("editor", "admin", "ownKey"), func() string { return fmt.Sprint(c.Training.Query().CountX(ctx)) }},
			{"CreateSessionOfHelsinkiTraining", func() (string, map[string]any) {
				return `mutation($tr: ID!, $code: String!, $s: Time!, $e: Time!) { createTrainingSession(input: {trainingID: $tr, code: $code, startsAt: $s, endsAt: $e, capacity: 10}) { id seatsLeft } }`,
					map[string]any{"tr": as.OwnTraining, "code": "matrix-" + unique(), "s": start, "e": end}
			}, apitest.Allowed("editor", "admin", "ownKey"), func() string { return fmt.Sprint(c.TrainingSession.Query().CountX(ctx)) }},
			{"DeleteTag", func() (string, map[string]any) {
				return `mutation($id: ID!) { deleteTag(id: $id) { deletedId } }`, map[string]any{"id": gid.Encode(c.Tag.Query().FirstIDX(ctx))}
			}, staff, func() string { return fmt.Sprint(c.Tag.Query().CountX(ctx)) }},
			{"CreateAPIKey", func() (string, map[string]any) {
				return `mutation { createAPIKey(input: {name: "matrix", scopes: [CATALOGUE_READ]}) { key } }`, nil
			}, apitest.Allowed("admin"), func() string { return fmt.Sprint(c.APIKey.Query().CountX(ctx)) }},
			{"RotateAPIKey", func() (string, map[string]any) {
				return `mutation($id: ID!) { rotateAPIKey(id: $id, overlapHours: 1) { key } }`, map[string]any{"id": keyID}
			}, apitest.Allowed("admin"), keyState},
			{"DisableUser", func() (string, map[string]any) {
				return `mutation($id: ID!) { disableUser(id: $id) { disabled } }`, map[string]any{"id": targetID}
			}, apitest.Allowed("admin"), userState},
			{"EnableUser", func() (string, map[string]any) {
				return `mutation($id: ID!) { enableUser(id: $id) { disabled } }`, map[string]any{"id": targetID}
			}, apitest.Allowed("admin"), userState},
			{"SetUserRole", func() (string, map[string]any) {
				return `mutation($id: ID!) { setUserRole(id: $id, role: ADMIN) { role } }`, map[string]any{"id": targetID}
			}, apitest.Allowed("admin"), userState},
			{"ResetUserPassword", func() (string, map[string]any) {
				return `mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, password: $p) { id } }`, map[string]any{"id": targetID, "p": "a new password " + unique()}
			}, apitest.Allowed("admin"), userState},
			{"DeleteUser", func() (string, map[string]any) {
				return `mutation($id: ID!) { deleteUser(id: $id) { deletedId } }`, map[string]any{"id": gid.Encode(leaving.ID)}
			}, apitest.Allowed("admin"), func() string { return fmt.Sprint(c.User.Query().Where(user.ID(leaving.ID)).ExistX(ctx)) }},
			{"EndSession", func() (string, map[string]any) {
				return `mutation($id: ID!) { endSession(id: $id) }`, map[string]any{"id": gid.Encode(editorSession)}
			}, apitest.Allowed("editor"), func() string { return fmt.Sprint(c.AccessToken.GetX(ctx, editorSession).RevokedAt) }},
			{"ChangePassword", func() (string, map[string]any) {
				return `mutation($p: String!) { changePassword(currentPassword: $p, newPassword: "the new one, long enough") }`, map[string]any{"p": password}
			}, staff, ownPasswords},
			{"RevokeAPIKey", func() (string, map[string]any) {
				return `mutation($id: ID!) { revokeAPIKey(id: $id) { revokedAt } }`, map[string]any{"id": keyID}
			}, apitest.Allowed("admin"), keyState},
			{"RegisterForSession", func() (string, map[string]any) {
				return `mutation($s: ID!, $e: String!) { registerForSession(input: {sessionId: $s, name: "Matrix Learner", email: $e}) { status } }`,
					map[string]any{"s": gid.Encode(session), "e": "learner" + unique() + "@example.org"}
			}, everyone, func() string { return fmt.Sprint(c.Registration.Query().CountX(ctx)) }},
			{"SubmitEnquiry", func() (string, map[string]any) {
				return `mutation { submitEnquiry(input: {name: "Visitor", email: "visitor@example.org", message: "When is the next course?"}) { enquiryId } }`, nil
			}, everyone, func() string { return fmt.Sprint(c.Enquiry.Query().CountX(ctx)) }},
		}
		for _, w := range writes {
			for _, who := range apitest.ActorNames {
				t.Run(w.name+"/"+who, func(t *testing.T) {
					before := w.state()
					q, vars := w.query()
					resp := as.ByName[who].Do(t, q, vars)
					after := w.state()
					if w.who[who] {
						if len(resp.Errors) > 0 {
							t.Fatalf("refused: %+v", resp.Errors)
						}
						if after == before {
							t.Errorf("allowed, but nothing changed")
						}
						return
					}
					wantCode := "FORBIDDEN"
					if who == "anonymous" {
						wantCode = "UNAUTHENTICATED"
					}
					if code, ok := notFoundFor[w.name][who]; ok {
						wantCode = code
					}
					if len(resp.Errors) == 0 || resp.Errors[0].Code() != wantCode {
						t.Errorf("got %s %+v, want %s", resp.Data, resp.Errors, wantCode)
					}
					if after != before {
						t.Errorf("refused, yet the data changed: %q → %q", before, after)
					}
				})
			}
		}
	})
}
