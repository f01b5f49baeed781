// Package policy decides who may change what in careergraph, and who may read personal data.
// It is the only place that makes those decisions: every entity's ent privacy policy is one of
// the policies below, and ent evaluates it on every write (and, for personal data, every read)
// whatever code path makes it. A denied write fails before any SQL runs, so it changes nothing.
//
// Who may read unpublished content is the publication filter's business (ent/schema/mixin.go);
// it reads the same viewer (internal/access).
package policy

import (
	"context"
	"errors"

	"entgo.io/ent"

	gen "careergraph/ent"
	"careergraph/ent/privacy"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
)

// Editorial is the policy of the catalogue's editorial content (professions, skills, blog posts,
// …): staff and the server change it; nobody else.
func Editorial() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{allowSystem, allowStaff, privacy.AlwaysDenyRule()}}
}

// Trainings is the policy of trainings: staff, the server, and the write keys of the training's
// provider.
func Trainings() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{
		allowSystem, allowStaff, privacy.TrainingMutationRuleFunc(ownTraining), privacy.AlwaysDenyRule(),
	}}
}

// Sessions is the policy of training sessions: as for their trainings.
func Sessions() ent.Policy {
	return privacy.Policy{Mutation: privacy.MutationPolicy{
		allowSystem, allowStaff, privacy.TrainingSessionMutationRuleFunc(ownSession), privacy.AlwaysDenyRule(),
	}}
}

// AdminsOnly is the policy of staff accounts and API keys: administrators (and the server)
// read and change them.
func AdminsOnly() ent.Policy {
	return privacy.Policy{
		Mutation: privacy.MutationPolicy{allowSystem, allowAdmin, privacy.AlwaysDenyRule()},
		Query:    privacy.QueryPolicy{allowSystem, allowAdmin, privacy.AlwaysDenyRule()},
	}
}

// SystemOnly is the policy of sign-in tokens: only the server's authentication code touches them.
func SystemOnly() ent.Policy {
	return privacy.Policy{
		Mutation: privacy.MutationPolicy{allowSystem, privacy.AlwaysDenyRule()},
		Query:    privacy.QueryPolicy{allowSystem, privacy.AlwaysDenyRule()},
	}
}

// AuditLog is the policy of the audit events of staff accounts and keys: administrators read
// them; only the server writes them, and nobody changes or deletes one.
func AuditLog() ent.Policy {
	return privacy.Policy{
		Mutation: privacy.MutationPolicy{privacy.OnMutationOperation(allowSystem, ent.OpCreate), privacy.AlwaysDenyRule()},
		Query:    privacy.QueryPolicy{allowSystem, allowAdmin, privacy.AlwaysDenyRule()},
	}
}

// ChangeFeed is the policy of the change feed: staff and keys that read the catalogue read it;
// only the database's triggers write it.
func ChangeFeed() ent.Policy {
	return privacy.Policy{
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
		Query:    privacy.QueryPolicy{allowSystem, allowStaff, allowCatalogueReader, privacy.AlwaysDenyRule()},
	}
}

// PersonalData is the policy of registrations and enquiries: staff read them; they are written
// only through the booking rules (internal/booking), which act as the server.
func PersonalData() ent.Policy {
	return privacy.Policy{
		Mutation: privacy.MutationPolicy{allowSystem, privacy.AlwaysDenyRule()},
		Query:    privacy.QueryPolicy{allowSystem, allowStaff, privacy.AlwaysDenyRule()},
	}
}

var (
	allowSystem = privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if access.FromContext(ctx).Kind == access.System {
			return privacy.Allow
		}
		return privacy.Skip
	})
	allowStaff = privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if access.FromContext(ctx).IsStaff() {
			return privacy.Allow
		}
		return privacy.Skip
	})
	allowCatalogueReader = privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if access.FromContext(ctx).Has(access.ReadCatalogue) {
			return privacy.Allow
		}
		return privacy.Skip
	})
	allowAdmin = privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if access.FromContext(ctx).IsAdmin() {
			return privacy.Allow
		}
		return privacy.Skip
	})
)

// ownTraining lets a provider's write key change that provider's trainings, and only those.
func ownTraining(ctx context.Context, m *gen.TrainingMutation) error {
	own, ok := writerProvider(ctx)
	if !ok {
		return privacy.Skip
	}
	if p, set := m.ProviderID(); set && p != own {
		return privacy.Denyf("the key may only write trainings of its own provider")
	}
	if m.Op().Is(ent.OpCreate) {
		return privacy.Allow
	}
	return ownRows(ctx, m.Op(), own, func(sys context.Context) ([]int, error) {
		ids, err := m.IDs(sys)
		if err != nil {
			return nil, err
		}
		return m.Client().Training.Query().Where(training.IDIn(ids...)).Select(training.FieldProviderID).Ints(sys)
	})
}

// ownSession lets a provider's write key change the sessions of that provider's trainings.
func ownSession(ctx context.Context, m *gen.TrainingSessionMutation) error {
	own, ok := writerProvider(ctx)
	if !ok {
		return privacy.Skip
	}
	if t, set := m.TrainingID(); set {
		p, err := m.Client().Training.Query().Where(training.ID(t)).Select(training.FieldProviderID).Int(access.AsSystem(ctx))
		if err != nil || p != own {
			return privacy.Denyf("the key may only write sessions of its own provider's trainings")
		}
	}
	if m.Op().Is(ent.OpCreate) {
		return privacy.Allow
	}
	return ownRows(ctx, m.Op(), own, func(sys context.Context) ([]int, error) {
		ids, err := m.IDs(sys)
		if err != nil {
			return nil, err
		}
		return m.Client().TrainingSession.Query().Where(trainingsession.IDIn(ids...)).
			QueryTraining().Select(training.FieldProviderID).Ints(sys)
	})
}

// writerProvider returns the provider of a viewer that is a key allowed to write trainings.
func writerProvider(ctx context.Context) (int, bool) {
	v := access.FromContext(ctx)
	if !v.Has(access.WriteTrainings) || v.ProviderID == 0 {
		return 0, false
	}
	return v.ProviderID, true
}

// ownRows allows a change of existing rows when it names exactly one row (a key never changes
// in bulk) and every provider behind it is the key's own.
func ownRows(ctx context.Context, op ent.Op, own int, providers func(context.Context) ([]int, error)) error {
	if !op.Is(ent.OpUpdateOne) && !op.Is(ent.OpDeleteOne) {
		return privacy.Denyf("a key changes one object at a time")
	}
	ps, err := providers(access.AsSystem(ctx))
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p != own {
			return privacy.Denyf("the key may only write its own provider's trainings and sessions")
		}
	}
	return privacy.Allow
}

// MayRead reports whether the caller in ctx may read objects of type typ (its ent and GraphQL
// name), by the query policy of that type. Filters and orderings through a type need the same
// right (internal/guard): whether a registration with some e-mail exists is as personal as the
// e-mail.
func MayRead(ctx context.Context, typ string) bool {
	p := gen.PolicyOf(typ)
	if p == nil {
		return true
	}
	err := p.EvalQuery(ctx, nil)
	return err == nil || errors.Is(err, privacy.Allow)
}
