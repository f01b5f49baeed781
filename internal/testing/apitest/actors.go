package apitest

import (
	"context"
	"testing"

	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/gid"
	"careergraph/internal/testing/gqltest"
)

// Password is the password of every staff account the tests create.
const Password = "correct horse battery staple"

// Actors are the kinds of caller the API knows, each a client sending its credentials.
type Actors struct {
	ByName                     map[string]gqltest.Client
	OwnProvider, OtherProvider string // IDs of the providers the write keys are bound to
	OwnTraining, OtherTraining string // a training of each
	OwnTrainingSlug            string
}

// ActorNames names the actors, the anonymous caller first.
var ActorNames = []string{"anonymous", "readKey", "ownKey", "otherKey", "editor", "admin"}

// NewActors creates the staff accounts and API keys of the actors on s (its demo catalogue).
func NewActors(t *testing.T, s *Server) Actors {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	c := s.Store.Client
	a := auth.New(c, auth.Options{})
	own := c.Provider.Query().Where(provider.Slug("helsinki-code-academy")).OnlyX(ctx)
	other := c.Provider.Query().Where(provider.Slug("aurora-online-academy")).OnlyX(ctx)
	ownT := own.QueryTrainings().Where(training.StatusEQ(enum.Published)).FirstX(ctx)
	otherT := other.QueryTrainings().Where(training.StatusEQ(enum.Published)).FirstX(ctx)
	as := Actors{
		ByName:          map[string]gqltest.Client{"anonymous": s.Client},
		OwnProvider:     gid.Encode(own.ID),
		OtherProvider:   gid.Encode(other.ID),
		OwnTraining:     gid.Encode(ownT.ID),
		OtherTraining:   gid.Encode(otherT.ID),
		OwnTrainingSlug: ownT.Slug,
	}
	for name, role := range map[string]enum.Role{"editor": enum.Editor, "admin": enum.Admin} {
		if _, err := a.CreateUser(ctx, c, auth.NewUser{Email: name + "@careergraph.example", Password: Password, Role: role}); err != nil {
			t.Fatal(err)
		}
		var in struct{ SignIn struct{ Token string } }
		s.Query(t, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
			map[string]any{"e": name + "@careergraph.example", "p": Password}, &in)
		as.ByName[name] = s.Client.With("Authorization", "Bearer "+in.SignIn.Token)
	}
	keys := map[string]auth.NewKey{
		"readKey":  {Name: "reader", Scopes: []enum.Scope{enum.ReadCatalogue}},
		"ownKey":   {Name: "own", Scopes: []enum.Scope{enum.ReadCatalogue, enum.WriteTrainings}, ProviderID: &own.ID},
		"otherKey": {Name: "other", Scopes: []enum.Scope{enum.ReadCatalogue, enum.WriteTrainings}, ProviderID: &other.ID},
	}
	for name, k := range keys {
		key, _, err := a.CreateKey(ctx, c, k)
		if err != nil {
			t.Fatal(err)
		}
		as.ByName[name] = s.Client.With("X-API-Key", key)
	}
	return as
}

// Allowed lists who may do something; everyone else is refused.
func Allowed(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}
