package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"careergraph/ent/registration"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestRegistration(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		session := apitest.NewSession(t, s, 2, nil)
		var regs []apitest.Registration
		for i := range 4 {
			var r apitest.Registration
			s.Query(t, apitest.Register, map[string]any{"s": session, "n": fmt.Sprintf("Learner %d", i), "e": fmt.Sprintf("l%d@example.org", i)}, &r)
			regs = append(regs, r)
		}
		want := []string{"CONFIRMED", "CONFIRMED", "WAITLISTED", "WAITLISTED"}
		for i, r := range regs {
			if r.RegisterForSession.Status != want[i] {
				t.Errorf("registration %d: %s, want %s", i, r.RegisterForSession.Status, want[i])
			}
		}
		if regs[1].RegisterForSession.Session.SeatsLeft != 0 {
			t.Errorf("seats left after two of two: %d", regs[1].RegisterForSession.Session.SeatsLeft)
		}

		t.Run("WrongSecretCancelsNothing", func(t *testing.T) {
			e := s.Fails(t, `mutation($id: ID!) { cancelRegistration(id: $id, secret: "guess") { status } }`, map[string]any{"id": regs[0].RegisterForSession.RegistrationID})
			if e.Code() != "NOT_FOUND" {
				t.Errorf("got %q %v", e.Message, e.Extensions)
			}
		})
		t.Run("CancellingMovesTheFirstWaitingLearnerUp", func(t *testing.T) {
			var c struct{ CancelRegistration struct{ Status string } }
			s.Query(t, `mutation($id: ID!, $sec: String!) { cancelRegistration(id: $id, secret: $sec) { status } }`,
				map[string]any{"id": regs[0].RegisterForSession.RegistrationID, "sec": regs[0].RegisterForSession.CancelSecret}, &c)
			if c.CancelRegistration.Status != "CANCELLED" {
				t.Errorf("cancelled: %s", c.CancelRegistration.Status)
			}
			ctx := access.AsSystem(context.Background())
			status := func(id string) enum.RegistrationStatus {
				k, _, _ := gid.Decode(id)
				return s.Store.Client.Registration.Query().Where(registration.ID(k)).OnlyX(ctx).Status
			}
			if st := status(regs[2].RegisterForSession.RegistrationID); st != enum.Confirmed {
				t.Errorf("first waiting learner: %s, want CONFIRMED", st)
			}
			if st := status(regs[3].RegisterForSession.RegistrationID); st != enum.Waitlisted {
				t.Errorf("second waiting learner: %s, want WAITLISTED", st)
			}
			// Cancelling twice is harmless and frees nothing more.
			s.Query(t, `mutation($id: ID!, $sec: String!) { cancelRegistration(id: $id, secret: $sec) { status } }`,
				map[string]any{"id": regs[0].RegisterForSession.RegistrationID, "sec": regs[0].RegisterForSession.CancelSecret}, &c)
			if st := status(regs[3].RegisterForSession.RegistrationID); st != enum.Waitlisted {
				t.Errorf("a second cancellation moved another learner up: %s", st)
			}
		})
		t.Run("ClosedRegistrationIsRefused", func(t *testing.T) {
			past := func(start time.Time) (*time.Time, enum.SessionStatus) {
				d := time.Now().Add(-time.Hour)
				return &d, enum.Scheduled
			}
			cancelled := func(start time.Time) (*time.Time, enum.SessionStatus) { return nil, enum.Cancelled }
			for name, sess := range map[string]string{"DeadlinePassed": apitest.NewSession(t, s, 5, past), "Cancelled": apitest.NewSession(t, s, 5, cancelled)} {
				e := s.Fails(t, apitest.Register, map[string]any{"s": sess, "n": "Late", "e": "late@example.org"})
				if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "sessionId" {
					t.Errorf("%s: got %q %v", name, e.Message, e.Extensions)
				}
			}
		})
		t.Run("BadInputNamesTheField", func(t *testing.T) {
			e := s.Fails(t, apitest.Register, map[string]any{"s": session, "n": "Someone", "e": "not-an-address"})
			if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != "email" {
				t.Errorf("got %q %v", e.Message, e.Extensions)
			}
		})
		t.Run("EnquiriesAreStoredAndStaffOnly", func(t *testing.T) {
			var r struct{ SubmitEnquiry struct{ EnquiryID string } }
			s.Query(t, `mutation { submitEnquiry(input: {name: "Visitor", email: "v@example.org", message: "Is there a weekend group?"}) { enquiryId } }`, nil, &r)
			if r.SubmitEnquiry.EnquiryID == "" {
				t.Fatal("no receipt")
			}
			e := s.Fails(t, `{ enquiries { edges { node { email message } } } }`, nil)
			if e.Code() != "UNAUTHENTICATED" {
				t.Errorf("anonymous reading enquiries: %q %v", e.Message, e.Extensions)
			}
			e = s.Fails(t, `mutation { submitEnquiry(input: {name: "Visitor", email: "v@example.org", message: "   "}) { enquiryId } }`, nil)
			if e.Extensions["field"] != "message" {
				t.Errorf("empty message: %q %v", e.Message, e.Extensions)
			}
		})
	})
}

// TestConcurrentRegistrationsNeverOverbook sends 200 registrations at once for a session of 20
// seats: exactly 20 are confirmed, the rest wait, and no seat is left or overdrawn.
func TestConcurrentRegistrationsNeverOverbook(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		const learners, seats = 200, 20
		s := apitest.New(t, d)
		session := apitest.NewSession(t, s, seats, nil)
		statuses := make(chan string, learners)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range learners {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				resp, err := s.Send(apitest.Register, map[string]any{"s": session, "n": fmt.Sprintf("Learner %d", i), "e": fmt.Sprintf("c%d@example.org", i)})
				if err != nil {
					statuses <- "error: " + err.Error()
					return
				}
				if len(resp.Errors) > 0 {
					statuses <- "error: " + resp.Errors[0].Message
					return
				}
				var r apitest.Registration
				if err := json.Unmarshal(resp.Data, &r); err != nil {
					statuses <- "error: " + err.Error()
					return
				}
				statuses <- r.RegisterForSession.Status
			}()
		}
		close(start)
		wg.Wait()
		close(statuses)
		count := map[string]int{}
		for st := range statuses {
			count[st]++
		}
		if count["CONFIRMED"] != seats || count["WAITLISTED"] != learners-seats {
			t.Errorf("outcomes %v, want %d CONFIRMED and %d WAITLISTED", count, seats, learners-seats)
		}
		ctx := access.AsSystem(context.Background())
		k, _, _ := gid.Decode(session)
		sess := s.Store.Client.TrainingSession.GetX(ctx, k)
		confirmed := s.Store.Client.Registration.Query().Where(registration.SessionID(k), registration.StatusEQ(enum.Confirmed)).CountX(ctx)
		if sess.SeatsLeft != 0 || confirmed != seats {
			t.Errorf("stored: %d seats left, %d confirmed; want 0 and %d", sess.SeatsLeft, confirmed, seats)
		}
	})
}
