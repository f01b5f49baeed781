package graph_test

import (
	"context"
	"strings"
	"testing"

	"careergraph/ent/schema/enum"
	"careergraph/ent/user"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

const signInDoc = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`

// signIn returns a client carrying a new session of the account.
func signIn(t *testing.T, s *apitest.Server, email, pw string) gqltest.Client {
	t.Helper()
	var in struct{ SignIn struct{ Token string } }
	s.Query(t, signInDoc, map[string]any{"e": email, "p": pw}, &in)
	return s.Client.With("Authorization", "Bearer "+in.SignIn.Token)
}

func userID(t *testing.T, s *apitest.Server, email string) string {
	t.Helper()
	return gid.Encode(s.Store.Client.User.Query().Where(user.Email(email)).OnlyIDX(access.AsSystem(context.Background())))
}

func TestStaffManagement(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		admin, editor := as.ByName["admin"], as.ByName["editor"]
		editorID := userID(t, s, "editor@careergraph.example")
		const me = `{ me { email } }`

		t.Run("DisablingEndsSessionsAtOnce", func(t *testing.T) {
			second := signIn(t, s, "editor@careergraph.example", password)
			admin.Query(t, `mutation($id: ID!) { disableUser(id: $id) { disabled } }`, map[string]any{"id": editorID}, &struct{}{})
			for _, c := range []gqltest.Client{editor, second} {
				if e := c.Fails(t, me, nil); e.Code() != "UNAUTHENTICATED" {
					t.Errorf("a disabled member's token still works: %+v", e)
				}
			}
			if e := s.Fails(t, signInDoc, map[string]any{"e": "editor@careergraph.example", "p": password}); e.Code() != "UNAUTHENTICATED" {
				t.Errorf("a disabled member signs in: %+v", e)
			}
			admin.Query(t, `mutation($id: ID!) { enableUser(id: $id) { disabled } }`, map[string]any{"id": editorID}, &struct{}{})
			if e := editor.Fails(t, me, nil); e.Code() != "UNAUTHENTICATED" {
				t.Errorf("enabling brought an ended session back: %+v", e)
			}
			editor = signIn(t, s, "editor@careergraph.example", password)
		})

		t.Run("UnreadableAccountsDoNotRevealThemselves", func(t *testing.T) {
			missing := gid.Encode(gidKey(t, editorID) + 999)
			for _, id := range []string{editorID, missing} {
				e := editor.Fails(t, `mutation($id: ID!) { disableUser(id: $id) { id } }`, map[string]any{"id": id})
				if e.Code() != "FORBIDDEN" || e.Message != "you may not do this" {
					t.Errorf("an editor disabling %s: %q %v, want the same FORBIDDEN whether or not it exists", id, e.Message, e.Extensions)
				}
			}
			if e := admin.Fails(t, `mutation($id: ID!) { disableUser(id: $id) { id } }`, map[string]any{"id": missing}); e.Code() != "BAD_USER_INPUT" {
				t.Errorf("an administrator disabling a missing account: %+v", e)
			}
		})

		t.Run("TheLastAdministratorStays", func(t *testing.T) {
			adminID := userID(t, s, "admin@careergraph.example")
			for _, m := range []string{`disableUser(id: $id) { id }`, `deleteUser(id: $id) { deletedId }`, `setUserRole(id: $id, role: EDITOR) { id }`} {
				e := admin.Fails(t, `mutation($id: ID!) { `+m+` }`, map[string]any{"id": adminID})
				if e.Code() != "CONFLICT" || !strings.Contains(e.Message, "last enabled administrator") {
					t.Errorf("%s: %q %v", m, e.Message, e.Extensions)
				}
			}
		})

		t.Run("ChangePasswordEndsOtherSessions", func(t *testing.T) {
			// An account of its own: each sign-in spends from the account's budget of attempts.
			ctx := access.AsSystem(context.Background())
			if _, err := auth.New(s.Store.Client, auth.Options{}).CreateUser(ctx, s.Store.Client, auth.NewUser{Email: "changer@careergraph.example", Password: password, Role: enum.Editor}); err != nil {
				t.Fatal(err)
			}
			editor := signIn(t, s, "changer@careergraph.example", password)
			other := signIn(t, s, "changer@careergraph.example", password)
			e := editor.Fails(t, `mutation { changePassword(currentPassword: "not the password", newPassword: "a brand new password") }`, nil)
			if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "currentPassword" {
				t.Errorf("wrong current password: %q %v", e.Message, e.Extensions)
			}
			var sessions struct {
				MySessions struct {
					TotalCount int
					Edges      []struct{ Node struct{ Current bool } }
				}
			}
			editor.Query(t, `{ mySessions { totalCount edges { node { current } } } }`, nil, &sessions)
			if sessions.MySessions.TotalCount != 2 {
				t.Fatalf("sessions before: %+v", sessions)
			}
			editor.Query(t, `mutation { changePassword(currentPassword: "`+password+`", newPassword: "a brand new password") }`, nil, &struct{}{})
			if e := other.Fails(t, me, nil); e.Code() != "UNAUTHENTICATED" {
				t.Errorf("the other session survived: %+v", e)
			}
			editor.Query(t, `{ mySessions { totalCount edges { node { current } } } }`, nil, &sessions)
			if sessions.MySessions.TotalCount != 1 || !sessions.MySessions.Edges[0].Node.Current {
				t.Errorf("sessions after: %+v", sessions)
			}
			signIn(t, s, "changer@careergraph.example", "a brand new password")
		})

		t.Run("RotationKeepsSettingsAndOverlaps", func(t *testing.T) {
			var created struct {
				CreateAPIKey struct {
					Key    string
					APIKey struct{ ID, Prefix string }
				}
			}
			admin.Query(t, `mutation { createAPIKey(input: {name: "course sync", scopes: [CATALOGUE_READ], rateLimit: 5000}) { key apiKey { id prefix } } }`, nil, &created)
			old := s.Client.With("X-API-Key", created.CreateAPIKey.Key)
			const rotate = `mutation($id: ID!, $h: Int!) { rotateAPIKey(id: $id, overlapHours: $h) { key apiKey { name prefix scopes rateLimit rotatedAt previousSecretExpiresAt } } }`
			var rotated struct {
				RotateAPIKey struct {
					Key    string
					APIKey struct {
						Name, Prefix            string
						Scopes                  []string
						RateLimit               int
						RotatedAt               *string
						PreviousSecretExpiresAt *string
					}
				}
			}
			admin.Query(t, rotate, map[string]any{"id": created.CreateAPIKey.APIKey.ID, "h": 2}, &rotated)
			k := rotated.RotateAPIKey.APIKey
			if k.Name != "course sync" || k.Prefix != created.CreateAPIKey.APIKey.Prefix || len(k.Scopes) != 1 || k.RateLimit != 5000 ||
				k.RotatedAt == nil || k.PreviousSecretExpiresAt == nil || rotated.RotateAPIKey.Key == created.CreateAPIKey.Key {
				t.Fatalf("rotated: %+v", rotated)
			}
			second := s.Client.With("X-API-Key", rotated.RotateAPIKey.Key)
			for name, c := range map[string]gqltest.Client{"old": old, "new": second} {
				if r := c.Do(t, `{ professions(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
					t.Errorf("the %s secret does not work during the overlap: %+v", name, r.Errors)
				}
			}
			admin.Query(t, rotate, map[string]any{"id": created.CreateAPIKey.APIKey.ID, "h": 0}, &rotated)
			for name, c := range map[string]gqltest.Client{"first": old, "second": second} {
				if e := c.Fails(t, `{ professions(first: 1) { totalCount } }`, nil); e.Code() != "UNAUTHENTICATED" {
					t.Errorf("the %s secret still works after a rotation without overlap: %+v", name, e)
				}
			}
			if r := s.Client.With("X-API-Key", rotated.RotateAPIKey.Key).Do(t, `{ professions(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
				t.Errorf("the newest secret does not work: %+v", r.Errors)
			}
			if e := admin.Fails(t, rotate, map[string]any{"id": created.CreateAPIKey.APIKey.ID, "h": 721}); e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "overlapHours" {
				t.Errorf("an overlap of 721 hours: %q %v", e.Message, e.Extensions)
			}
		})

		t.Run("DeletingAnAdministratorLosesNothingElse", func(t *testing.T) {
			ctx := access.AsSystem(context.Background())
			if _, err := auth.New(s.Store.Client, auth.Options{}).CreateUser(ctx, s.Store.Client, auth.NewUser{Email: "departing@careergraph.example", Password: password, Role: enum.Admin}); err != nil {
				t.Fatal(err)
			}
			departing := signIn(t, s, "departing@careergraph.example", password)
			var created struct{ CreateAPIKey struct{ Key string } }
			departing.Query(t, `mutation { createAPIKey(input: {name: "made by a departing admin", scopes: [CATALOGUE_READ]}) { key } }`, nil, &created)
			admin.Query(t, `mutation($id: ID!) { deleteUser(id: $id) { deletedId } }`, map[string]any{"id": userID(t, s, "departing@careergraph.example")}, &struct{}{})
			if e := departing.Fails(t, me, nil); e.Code() != "UNAUTHENTICATED" {
				t.Errorf("a deleted member's session works: %+v", e)
			}
			if r := s.Client.With("X-API-Key", created.CreateAPIKey.Key).Do(t, `{ professions(first: 1) { totalCount } }`, nil); len(r.Errors) > 0 {
				t.Errorf("the key a deleted member made stopped working: %+v", r.Errors)
			}
			var log struct {
				AuditEvents struct {
					Edges []struct {
						Node struct{ Actor, ActorName, Action, TargetType, TargetName, TargetID, At string }
					}
				}
			}
			admin.Query(t, `{ auditEvents(first: 100, orderBy: [{field: AT, direction: DESC}]) { edges { node { actor actorName action targetType targetName targetId at } } } }`, nil, &log)
			var seen []string
			for _, e := range log.AuditEvents.Edges {
				n := e.Node
				if n.At == "" || n.TargetID == "" {
					t.Errorf("event without time or target: %+v", n)
				}
				seen = append(seen, n.ActorName+" "+n.Action+" "+n.TargetName)
			}
			all := strings.Join(seen, "\n")
			for _, want := range []string{
				"departing@careergraph.example API_KEY_CREATED made by a departing admin",
				"admin@careergraph.example USER_DELETED departing@careergraph.example",
				"admin@careergraph.example USER_DISABLED editor@careergraph.example",
				"admin@careergraph.example USER_ENABLED editor@careergraph.example",
				"changer@careergraph.example PASSWORD_CHANGED changer@careergraph.example",
				"admin@careergraph.example API_KEY_ROTATED course sync",
				"command line USER_CREATED departing@careergraph.example",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("the audit log lacks %q:\n%s", want, all)
				}
			}
			if !strings.HasPrefix(seen[0], "admin@careergraph.example USER_DELETED") {
				t.Errorf("newest first: %s", seen[0])
			}
		})
	})
}

func gidKey(t *testing.T, id string) int {
	t.Helper()
	k, _, err := gid.Decode(id)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
