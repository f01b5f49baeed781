package graph_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"careergraph/ent/apikey"
	"careergraph/internal/access"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestSignInAndOut(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		apitest.NewActors(t, s) // creates editor@ and admin@ with password
		const signIn = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt user { email role } } }`

		for name, creds := range map[string][2]string{
			"WrongPassword": {"editor@careergraph.example", "not the password"},
			"UnknownEmail":  {"nobody@careergraph.example", password},
		} {
			e := s.Fails(t, signIn, map[string]any{"e": creds[0], "p": creds[1]})
			if e.Code() != "UNAUTHENTICATED" || e.Message != "invalid or expired credentials" {
				t.Errorf("%s: %q %v (the answer must not tell which part was wrong)", name, e.Message, e.Extensions)
			}
		}

		var in struct {
			SignIn struct {
				Token     string
				ExpiresAt time.Time
				User      struct{ Email, Role string }
			}
		}
		s.Query(t, signIn, map[string]any{"e": " Editor@Careergraph.example ", "p": password}, &in)
		if in.SignIn.User.Role != "EDITOR" || !in.SignIn.ExpiresAt.After(time.Now()) {
			t.Fatalf("signed in: %+v", in.SignIn)
		}
		editor := s.Client.With("Authorization", "Bearer "+in.SignIn.Token)
		var me struct{ Me *struct{ Email string } }
		editor.Query(t, `{ me { email } }`, nil, &me)
		if me.Me == nil || me.Me.Email != "editor@careergraph.example" {
			t.Errorf("me = %+v", me.Me)
		}
		ctx := access.AsSystem(context.Background())
		if tokens := s.Store.Client.AccessToken.Query().AllX(ctx); len(tokens) == 0 || string(tokens[len(tokens)-1].TokenHash) == in.SignIn.Token {
			t.Error("the token is not stored as a hash")
		}

		var out struct{ SignOut bool }
		editor.Query(t, `mutation { signOut }`, nil, &out)
		resp := editor.Do(t, `{ me { email } }`, nil)
		if resp.Status != http.StatusUnauthorized || len(resp.Errors) == 0 || resp.Errors[0].Code() != "UNAUTHENTICATED" {
			t.Errorf("after signing out: %d %+v, want 401 UNAUTHENTICATED", resp.Status, resp.Errors)
		}
		for name, h := range map[string][2]string{
			"GarbageToken":  {"Authorization", "Bearer cgt_0000"},
			"BasicAuth":     {"Authorization", "Basic dXNlcjpwYXNz"},
			"GarbageAPIKey": {"X-API-Key", "cgk_deadbeef_" + "00"},
		} {
			if resp := s.Client.With(h[0], h[1]).Do(t, `{ professions { totalCount } }`, nil); resp.Status != http.StatusUnauthorized {
				t.Errorf("%s: status %d, want 401", name, resp.Status)
			}
		}
	})
}

func TestAPIKeyLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		admin := as.ByName["admin"]
		e := admin.Fails(t, `mutation { createAPIKey(input: {name: "unbound writer", scopes: [TRAININGS_WRITE]}) { key } }`, nil)
		if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "providerId" {
			t.Errorf("a write key without a provider: %q %v", e.Message, e.Extensions)
		}
		var created struct {
			CreateAPIKey struct {
				Key    string
				APIKey struct {
					ID, Prefix string
					Scopes     []string
					Provider   struct{ Name string }
				}
			}
		}
		admin.Query(t, `mutation($p: ID) { createAPIKey(input: {name: "sync", scopes: [CATALOGUE_READ, TRAININGS_WRITE], providerId: $p}) { key apiKey { id prefix scopes provider { name } } } }`,
			map[string]any{"p": as.OwnProvider}, &created)
		k := created.CreateAPIKey
		if len(k.Key) < 40 || k.APIKey.Prefix == "" || k.APIKey.Provider.Name != "Helsinki Code Academy" || len(k.APIKey.Scopes) != 2 {
			t.Fatalf("created %+v", k)
		}
		ctx := access.AsSystem(context.Background())
		stored := s.Store.Client.APIKey.Query().Where(apikey.Prefix(k.APIKey.Prefix)).OnlyX(ctx)
		if string(stored.SecretHash) == k.Key {
			t.Error("the key is stored in clear")
		}

		partner := s.Client.With("X-API-Key", k.Key)
		var ok struct{ Professions struct{ TotalCount int } }
		partner.Query(t, `{ professions { totalCount } }`, nil, &ok)
		if s.Store.Client.APIKey.GetX(ctx, stored.ID).LastUsedAt == nil {
			t.Error("last used time not recorded")
		}

		var revoked struct {
			RevokeAPIKey struct{ RevokedAt *time.Time }
		}
		admin.Query(t, `mutation($id: ID!) { revokeAPIKey(id: $id) { revokedAt } }`, map[string]any{"id": k.APIKey.ID}, &revoked)
		if revoked.RevokeAPIKey.RevokedAt == nil {
			t.Error("no revocation time")
		}
		if resp := partner.Do(t, `{ professions { totalCount } }`, nil); resp.Status != http.StatusUnauthorized {
			t.Errorf("a revoked key still works: %d", resp.Status)
		}
	})
}
