package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"

	"careergraph/ent/hook"
	"careergraph/internal/apierr"
)

// current returns the value field will have once mutation m is applied: the new value when m
// sets it, nothing when m clears it, and otherwise the stored value (for an update of one row).
func current(ctx context.Context, m ent.Mutation, field string) (ent.Value, bool) {
	if v, ok := m.Field(field); ok {
		return v, true
	}
	if m.FieldCleared(field) || !m.Op().Is(ent.OpUpdateOne) {
		return nil, false
	}
	v, err := m.OldField(ctx, field)
	if err != nil || v == nil {
		return nil, false
	}
	return v, true
}

// number reads an optional int field as current sees it.
func number(ctx context.Context, m ent.Mutation, field string) (int, bool) {
	v, ok := current(ctx, m, field)
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case int:
		return n, true
	case *int:
		if n != nil {
			return *n, true
		}
	}
	return 0, false
}

// instant reads an optional time field as current sees it.
func instant(ctx context.Context, m ent.Mutation, field string) (time.Time, bool) {
	v, ok := current(ctx, m, field)
	if !ok {
		return time.Time{}, false
	}
	switch t := v.(type) {
	case time.Time:
		return t, true
	case *time.Time:
		if t != nil {
			return *t, true
		}
	}
	return time.Time{}, false
}

// rangeRule checks that, when both ends of a range are set, the lower is not above the upper.
func rangeRule(lo, hi, loName, what string) ent.Hook {
	return validation(func(ctx context.Context, m ent.Mutation) error {
		l, lok := number(ctx, m, lo)
		h, hok := number(ctx, m, hi)
		if lok && hok && l > h {
			return apierr.Invalid(loName, "the %s minimum (%d) is above its maximum (%d)", what, l, h)
		}
		return nil
	})
}

// together checks that a group of optional fields is either fully set or fully empty.
func together(first string, fields ...string) ent.Hook {
	return validation(func(ctx context.Context, m ent.Mutation) error {
		set := 0
		for _, f := range fields {
			if _, ok := current(ctx, m, f); ok {
				set++
			}
		}
		if set != 0 && set != len(fields) {
			return apierr.Invalid(first, "give all of %v, or none", gqlNames(fields))
		}
		return nil
	})
}

// validation runs check before creates and updates of one row.
func validation(check func(context.Context, ent.Mutation) error) ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if err := check(ctx, m); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// gqlNames turns column names into the GraphQL field names clients see.
func gqlNames(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = apierr.FieldName(f)
	}
	return out
}

// Hooks of the Profession: its ranges must make sense.
func (Profession) Hooks() []ent.Hook {
	return []ent.Hook{
		rangeRule("salary_min", "salary_max", "salaryMin", "salary"),
		rangeRule("time_to_learn_min_months", "time_to_learn_max_months", "timeToLearnMinMonths", "time to learn"),
		together("salaryMin", "salary_min", "salary_max", "salary_currency", "salary_period"),
		together("timeToLearnMinMonths", "time_to_learn_min_months", "time_to_learn_max_months"),
	}
}

// Hooks of the TrainingSession: it ends after it starts, registration closes before it ends,
// and free seats follow the capacity.
func (TrainingSession) Hooks() []ent.Hook {
	return []ent.Hook{
		validation(func(ctx context.Context, m ent.Mutation) error {
			start, sok := instant(ctx, m, "starts_at")
			end, eok := instant(ctx, m, "ends_at")
			if sok && eok && !end.After(start) {
				return apierr.Invalid("endsAt", "the session must end after it starts")
			}
			if deadline, ok := instant(ctx, m, "registration_deadline"); ok && eok && deadline.After(end) {
				return apierr.Invalid("registrationDeadline", "registration must close before the session ends")
			}
			return nil
		}),
		hook.On(seatsFollowCapacity, ent.OpCreate|ent.OpUpdateOne),
	}
}

// seatsFollowCapacity gives a new session as many free seats as places, and moves the free seats
// with the capacity when it changes. Registrations change seats_left themselves, with a
// conditional update; the table's check constraint keeps 0 ≤ seats_left ≤ capacity whatever
// happens.
func seatsFollowCapacity(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		capacity, changed := m.Field("capacity")
		if !changed {
			return next.Mutate(ctx, m)
		}
		if m.Op().Is(ent.OpCreate) {
			if _, set := m.Field("seats_left"); !set {
				if err := m.SetField("seats_left", capacity); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		}
		oldCap, err := m.OldField(ctx, "capacity")
		if err != nil {
			return nil, err
		}
		oldSeats, err := m.OldField(ctx, "seats_left")
		if err != nil {
			return nil, err
		}
		delta := capacity.(int) - oldCap.(int)
		if oldSeats.(int)+delta < 0 {
			return nil, apierr.Invalid("capacity", "%d seats are taken; the capacity cannot go below that", oldCap.(int)-oldSeats.(int))
		}
		if err := m.AddField("seats_left", delta); err != nil {
			return nil, fmt.Errorf("moving free seats with the capacity: %w", err)
		}
		return next.Mutate(ctx, m)
	})
}
