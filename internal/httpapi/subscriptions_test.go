package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/app"
	"careergraph/internal/auth"
	"careergraph/internal/config"
	"careergraph/internal/gid"
	"careergraph/internal/gqlstream"
	"careergraph/internal/httpapi"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

const watchSeats = `subscription($s: ID!) { sessionSeats(sessionId: $s) { id seatsLeft status } }`

type seats struct {
	SessionSeats struct {
		ID        string
		SeatsLeft int
		Status    string
	}
}

func registerOne(t *testing.T, c gqltest.Client, session string, n int) {
	t.Helper()
	var r apitest.Registration
	c.Query(t, apitest.Register, map[string]any{"s": session, "n": fmt.Sprintf("Learner %d", n), "e": fmt.Sprintf("live%d@example.org", n)}, &r)
}

// TestSubscribersSeeRegistrations: a WebSocket subscriber and an event-stream subscriber get the
// session's seats first, then every change a registration, a cancellation and a capacity edit
// make, and nothing for an edit that changes neither seats nor status.
func TestSubscribersSeeRegistrations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		editor := apitest.NewActors(t, s).ByName["editor"]
		session := apitest.NewSession(t, s, 3, nil)

		ws := gqltest.ConnectWS(t, s.URL, nil)
		ws.Subscribe(t, "1", watchSeats, map[string]any{"s": session})
		sse := s.StreamSSE(t, watchSeats, map[string]any{"s": session})
		if ct := sse.Resp.Header.Get("Content-Type"); sse.Resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/event-stream") {
			t.Fatalf("event stream answered %d %s", sse.Resp.StatusCode, ct)
		}
		next := func(step string) (int, string) {
			t.Helper()
			var a, b seats
			ws.NextData(t, "1", &a)
			sse.NextData(t, &b)
			if a != b {
				t.Fatalf("%s: WebSocket saw %+v, event stream %+v", step, a, b)
			}
			return a.SessionSeats.SeatsLeft, a.SessionSeats.Status
		}
		if n, status := next("first"); n != 3 || status != "SCHEDULED" {
			t.Fatalf("first event: %d seats, %s; want the current 3, SCHEDULED", n, status)
		}
		var r apitest.Registration
		s.Query(t, apitest.Register, map[string]any{"s": session, "n": "Ada", "e": "ada@example.org"}, &r)
		if n, _ := next("after a registration"); n != 2 {
			t.Fatalf("after a registration: %d seats, want 2", n)
		}
		// A change of neither seats nor status is not sent; the next change is.
		editor.Query(t, `mutation($id: ID!) { updateTrainingSession(id: $id, input: {venue: "Room 2"}) { id } }`, map[string]any{"id": session}, &struct{}{})
		s.Query(t, `mutation($id: ID!, $secret: String!) { cancelRegistration(id: $id, secret: $secret) { status } }`,
			map[string]any{"id": r.RegisterForSession.RegistrationID, "secret": r.RegisterForSession.CancelSecret}, &struct{}{})
		if n, _ := next("after a cancellation"); n != 3 {
			t.Fatalf("after the cancellation: %d seats, want 3", n)
		}
		editor.Query(t, `mutation($id: ID!) { updateTrainingSession(id: $id, input: {capacity: 10}) { id } }`, map[string]any{"id": session}, &struct{}{})
		if n, _ := next("after a capacity edit"); n != 10 {
			t.Fatalf("after the capacity edit: %d seats, want 10", n)
		}
		editor.Query(t, `mutation($id: ID!) { updateTrainingSession(id: $id, input: {status: CANCELLED}) { id } }`, map[string]any{"id": session}, &struct{}{})
		if _, status := next("after cancelling the session"); status != "CANCELLED" {
			t.Fatalf("after cancelling the session: %s, want CANCELLED", status)
		}

		// A client that completes its subscription gets nothing more; the connection stays and
		// answers pings.
		ws.Send(t, gqltest.Message{Type: "complete", ID: "1"})
		ws.Send(t, gqltest.Message{Type: "ping"})
		if m := ws.Next(t); m.Type != "pong" {
			t.Fatalf("after complete, a ping: %+v, want pong", m)
		}
		editor.Query(t, `mutation($id: ID!) { updateTrainingSession(id: $id, input: {status: SCHEDULED}) { id } }`, map[string]any{"id": session}, &struct{}{})
		if _, status := func() (int, string) {
			var b seats
			sse.NextData(t, &b)
			return b.SessionSeats.SeatsLeft, b.SessionSeats.Status
		}(); status != "SCHEDULED" {
			t.Fatalf("the event stream after rescheduling: %s", status)
		}
		ws.Send(t, gqltest.Message{Type: "ping"})
		if m := ws.Next(t); m.Type != "pong" {
			t.Fatalf("a completed subscription still sent %+v", m)
		}
	})
}

// TestAnonymousSubscribersNeverSeeDrafts: sessions of a draft training are unknown to anonymous
// subscribers, exactly as sessions that do not exist; a session whose training is unpublished
// ends the subscription with nothing of it sent; and a training's session feed reports a draft's
// sessions to no one who may not read them.
func TestAnonymousSubscribersNeverSeeDrafts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		editor := as.ByName["editor"]
		session := apitest.NewSession(t, s, 5, nil)
		var trainingOf struct {
			Node struct{ Training struct{ ID string } }
		}
		s.Query(t, `query($id: ID!) { node(id: $id) { ... on TrainingSession { training { id } } } }`, map[string]any{"id": session}, &trainingOf)
		training := trainingOf.Node.Training.ID

		ws := gqltest.ConnectWS(t, s.URL, nil)
		ws.Subscribe(t, "seats", watchSeats, map[string]any{"s": session})
		var first seats
		ws.NextData(t, "seats", &first)
		ws.Subscribe(t, "sessions", `subscription($t: ID!) { trainingSessionsChanged(trainingId: $t) { operation sessionId session { seatsLeft } } }`, map[string]any{"t": training})
		ws.Sync(t)
		registerOne(t, s.Client, session, 1)
		for range 2 {
			if m := ws.Next(t); m.Type != "next" {
				t.Fatalf("after a registration: %+v", m)
			}
		}

		editor.Query(t, `mutation($id: ID!) { unpublishTraining(id: $id) { id } }`, map[string]any{"id": training}, &struct{}{})
		got := map[string]gqltest.Message{}
		for range 2 {
			m := ws.Next(t)
			got[m.ID] = m
		}
		if m := got["seats"]; m.Type != "complete" {
			t.Errorf("seats of a session whose training became a draft: %+v, want complete and nothing else", m)
		}
		if m := got["sessions"]; m.Type != "complete" {
			t.Errorf("sessions of a training that became a draft: %+v, want complete and nothing else", m)
		}

		// Now a draft: anonymous subscribers are told what they are told of an unknown ID.
		gone := apitest.NewSession(t, s, 1, nil)
		editor.Query(t, `mutation($id: ID!) { deleteTrainingSession(id: $id) { deletedId } }`, map[string]any{"id": gone}, &struct{}{})
		ws.Subscribe(t, "draft", watchSeats, map[string]any{"s": session})
		draft := ws.NextError(t, "draft")
		ws.Subscribe(t, "unknown", watchSeats, map[string]any{"s": gone})
		unknown := ws.NextError(t, "unknown")
		for i, e := range []gqltest.Error{draft[0], unknown[0]} {
			id := []string{session, gone}[i]
			if e.Code() != "BAD_USER_INPUT" || e.Message != "sessionId: no TrainingSession has the ID "+id {
				t.Errorf("subscribing to %s: %s %q", []string{"a draft's session", "a deleted session"}[i], e.Code(), e.Message)
			}
		}
		ws.Subscribe(t, "anon-sessions", `subscription($t: ID!) { trainingSessionsChanged(trainingId: $t) { operation } }`, map[string]any{"t": training})
		if e := ws.NextError(t, "anon-sessions"); e[0].Code() != "BAD_USER_INPUT" {
			t.Fatalf("anonymous subscription to a draft training's sessions: %+v", e)
		}

		// Staff see the draft's session, and its seats as learners register.
		staff := gqltest.ConnectWS(t, s.URL, map[string]any{"Authorization": editor.Header.Get("Authorization")})
		staff.Subscribe(t, "seats", watchSeats, map[string]any{"s": session})
		var staffFirst seats
		staff.NextData(t, "seats", &staffFirst)
		if staffFirst.SessionSeats.SeatsLeft != 4 {
			t.Fatalf("staff subscriber's first event: %+v", staffFirst)
		}
		// A session added to the draft reaches staff watching the training.
		staff.Subscribe(t, "sessions", `subscription($t: ID!) { trainingSessionsChanged(trainingId: $t) { operation sessionId } }`, map[string]any{"t": training})
		staff.Sync(t)
		// The staff subscriber's seats follow a capacity edit, made once both subscriptions listen.
		editor.Query(t, `mutation($id: ID!) { updateTrainingSession(id: $id, input: {capacity: 9}) { id } }`, map[string]any{"id": session}, &struct{}{})
		var later seats
		var update struct {
			TrainingSessionsChanged struct{ Operation, SessionID string }
		}
		// One event each, in whichever order the two subscriptions send them.
		for range 2 {
			m := staff.Next(t)
			switch m.ID {
			case "seats":
				if err := json.Unmarshal(m.Payload, &struct{ Data *seats }{&later}); err != nil || later.SessionSeats.SeatsLeft != 8 {
					t.Fatalf("staff subscriber after a capacity edit to 9 with one learner: %s", m.Payload)
				}
			case "sessions":
				if err := json.Unmarshal(m.Payload, &struct{ Data any }{&update}); err != nil || update.TrainingSessionsChanged.Operation != "UPDATE" {
					t.Fatalf("staff's training subscriber after a capacity edit: %s", m.Payload)
				}
			default:
				t.Fatalf("unexpected %+v", m)
			}
		}
		var created struct{ CreateTrainingSession struct{ ID string } }
		editor.Query(t, `mutation($t: ID!) { createTrainingSession(input: {trainingID: $t, code: "draft-2", startsAt: "2030-01-01T09:00:00Z", endsAt: "2030-01-01T17:00:00Z", capacity: 4}) { id } }`,
			map[string]any{"t": training}, &created)
		var change struct {
			TrainingSessionsChanged struct{ Operation, SessionID string }
		}
		staff.NextData(t, "sessions", &change)
		if change.TrainingSessionsChanged.Operation != "CREATE" || change.TrainingSessionsChanged.SessionID != created.CreateTrainingSession.ID {
			t.Fatalf("staff saw %+v, want the new session created", change)
		}
	})
}

// TestTrainingSessionsChanged: a training's subscribers see sessions added, changed and deleted.
func TestTrainingSessionsChanged(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		editor := apitest.NewActors(t, s).ByName["editor"]
		session := apitest.NewSession(t, s, 2, nil)
		var trainingOf struct {
			Node struct{ Training struct{ ID string } }
		}
		s.Query(t, `query($id: ID!) { node(id: $id) { ... on TrainingSession { training { id } } } }`, map[string]any{"id": session}, &trainingOf)
		training := trainingOf.Node.Training.ID

		sse := s.StreamSSE(t, `subscription($t: ID!) { trainingSessionsChanged(trainingId: $t) { operation sessionId session { seatsLeft city } } }`, map[string]any{"t": training})
		type change struct {
			TrainingSessionsChanged struct {
				Operation, SessionID string
				Session              *struct {
					SeatsLeft int
					City      string
				}
			}
		}
		// StreamSSE returned once the server started the subscription: no write escapes it.
		registerOne(t, s.Client, session, 1)
		var c change
		sse.NextData(t, &c)
		if c.TrainingSessionsChanged.Operation != "UPDATE" || c.TrainingSessionsChanged.Session == nil || c.TrainingSessionsChanged.Session.SeatsLeft != 1 {
			t.Fatalf("after a registration: %+v", c)
		}
		var created struct{ CreateTrainingSession struct{ ID string } }
		editor.Query(t, `mutation($t: ID!) { createTrainingSession(input: {trainingID: $t, code: "second", startsAt: "2030-01-01T09:00:00Z", endsAt: "2030-01-01T17:00:00Z", capacity: 4, city: "Espoo"}) { id } }`,
			map[string]any{"t": training}, &created)
		sse.NextData(t, &c)
		if c.TrainingSessionsChanged.Operation != "CREATE" || c.TrainingSessionsChanged.SessionID != created.CreateTrainingSession.ID || c.TrainingSessionsChanged.Session.City != "Espoo" {
			t.Fatalf("after adding a session: %+v", c)
		}
		editor.Query(t, `mutation($id: ID!) { deleteTrainingSession(id: $id) { deletedId } }`, map[string]any{"id": created.CreateTrainingSession.ID}, &struct{}{})
		sse.NextData(t, &c)
		if c.TrainingSessionsChanged.Operation != "DELETE" || c.TrainingSessionsChanged.SessionID != created.CreateTrainingSession.ID || c.TrainingSessionsChanged.Session != nil {
			t.Fatalf("after deleting a session: %+v", c)
		}
	})
}

const watchChanges = `subscription($after: String, $types: [ChangeType!]) { catalogueChanges(after: $after, types: $types) { cursor type objectId operation } }`

type liveChange struct {
	CatalogueChanges apitest.Change
}

// TestCatalogueChangesResume: a partner's subscriber cut off while writes go on resumes from its
// last cursor and gets every change after it, once each, in the order of the change feed.
func TestCatalogueChangesResume(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		editor, reader := as.ByName["editor"], as.ByName["readKey"]
		_, start := apitest.Drain(t, reader, "")
		tag := func(i int) {
			editor.Query(t, `mutation($n: String!) { createTag(input: {name: $n}) { id } }`, map[string]any{"n": fmt.Sprintf("Live tag %d", i)}, &struct{}{})
		}

		// Anonymous viewers may not read the feed, live or not: the same refusal.
		anon := gqltest.ConnectWS(t, s.URL, nil)
		anon.Subscribe(t, "1", watchChanges, map[string]any{"after": start})
		polled := s.Do(t, apitest.ReadChanges, nil)
		if e := anon.NextError(t, "1"); len(polled.Errors) == 0 || e[0].Code() != polled.Errors[0].Code() || e[0].Message != polled.Errors[0].Message {
			t.Fatalf("anonymous catalogueChanges: %+v; the changes query: %+v", e, polled.Errors)
		}

		ws := gqltest.ConnectWS(t, s.URL, map[string]any{"X-API-Key": reader.Header.Get("X-API-Key")})
		ws.Subscribe(t, "feed", watchChanges, map[string]any{"after": start, "types": []string{"Tag"}})
		for i := range 3 {
			tag(i)
		}
		var got []apitest.Change
		for range 2 {
			var c liveChange
			ws.NextData(t, "feed", &c)
			got = append(got, c.CatalogueChanges)
		}
		// Cut off: the connection drops while writes continue.
		_ = ws.Conn.CloseNow()
		for i := 3; i < 6; i++ {
			tag(i)
		}
		again := gqltest.ConnectWS(t, s.URL, map[string]any{"x-api-key": reader.Header.Get("X-API-Key")})
		again.Subscribe(t, "feed", watchChanges, map[string]any{"after": got[len(got)-1].Cursor, "types": []string{"Tag"}})
		for range 4 {
			var c liveChange
			again.NextData(t, "feed", &c)
			got = append(got, c.CatalogueChanges)
		}
		want, _ := apitest.Drain(t, reader, start, "Tag")
		if len(want) != 6 {
			t.Fatalf("the feed has %d tag changes, want 6", len(want))
		}
		for i := range want {
			if got[i].Cursor != want[i].Cursor || got[i].ObjectID != want[i].ObjectID || got[i].Operation != "CREATE" {
				t.Fatalf("change %d: live %+v, feed %+v", i, got[i], want[i])
			}
		}
		// Nothing twice: after the sixth, the next change is a new one.
		tag(6)
		var c liveChange
		again.NextData(t, "feed", &c)
		if after, _ := apitest.Drain(t, reader, want[5].Cursor, "Tag"); len(after) != 1 || c.CatalogueChanges.Cursor != after[0].Cursor {
			t.Fatalf("after resuming: %+v, want only the seventh change %+v", c, after)
		}

		// A cursor the feed did not hand out is the client's error, named.
		again.Subscribe(t, "bad", watchChanges, map[string]any{"after": "not-a-cursor"})
		if e := again.NextError(t, "bad"); e[0].Code() != "BAD_USER_INPUT" || e[0].Extensions["field"] != "after" {
			t.Fatalf("a bad cursor: %+v", e)
		}
	})
}

// TestWebSocketProtocol: the graphql-transport-ws rules, each with its close code, and the limits.
func TestWebSocketProtocol(t *testing.T) {
	s := apitest.New(t, "sqlite", func(c *config.Config, _ *app.Deps) {
		c.Subscriptions.PerConnection = 2
		c.Subscriptions.ConnectionsPerClient = 20
		c.Limits.MaxBodyBytes = 4096
	})
	session := apitest.NewSession(t, s, 3, nil)
	dial := func(t *testing.T) *gqltest.WS {
		t.Helper()
		w, _, err := gqltest.DialWS(t, s.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	closesWith := func(t *testing.T, w *gqltest.WS, code websocket.StatusCode) {
		t.Helper()
		if ce := w.WaitClose(t); ce.Code != code {
			t.Fatalf("closed with %d %q, want %d", ce.Code, ce.Reason, code)
		}
	}
	t.Run("SubscribeBeforeInitIs4401", func(t *testing.T) {
		w := dial(t)
		w.Subscribe(t, "1", watchSeats, map[string]any{"s": session})
		closesWith(t, w, gqlstream.CloseUnauthorized)
	})
	t.Run("RefusedCredentialsAre4403", func(t *testing.T) {
		w := dial(t)
		w.Send(t, gqltest.Message{Type: "connection_init", Payload: json.RawMessage(`{"Authorization":"Bearer not-a-token"}`)})
		closesWith(t, w, gqlstream.CloseForbidden)
	})
	t.Run("SecondInitIs4429", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Send(t, gqltest.Message{Type: "connection_init"})
		closesWith(t, w, gqlstream.CloseTooManyInits)
	})
	t.Run("DuplicateIDIs4409", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Subscribe(t, "1", watchSeats, map[string]any{"s": session})
		w.Subscribe(t, "1", watchSeats, map[string]any{"s": session})
		closesWith(t, w, gqlstream.CloseSubscriberExists)
	})
	t.Run("InvalidMessageIs4400", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Send(t, gqltest.Message{Type: "subscribe", ID: "1"})
		closesWith(t, w, gqlstream.CloseBadRequest)
	})
	t.Run("TooLargeMessageIs1009", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Subscribe(t, "1", watchSeats+strings.Repeat(" ", 5000), map[string]any{"s": session})
		closesWith(t, w, websocket.StatusMessageTooBig)
	})
	t.Run("SubscriptionsPerConnectionAreLimited", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		for _, id := range []string{"1", "2"} {
			w.Subscribe(t, id, watchSeats, map[string]any{"s": session})
			var v seats
			w.NextData(t, id, &v)
		}
		w.Subscribe(t, "3", watchSeats, map[string]any{"s": session})
		if m := w.Next(t); m.Type != "error" || m.ID != "3" || !strings.Contains(string(m.Payload), "RATE_LIMITED") {
			t.Fatalf("third subscription on a connection allowing two: %+v", m)
		}
	})
	t.Run("ValidationAndLimitsApply", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Subscribe(t, "1", `subscription { sessionSeats(sessionId: "x") { nope } }`, nil)
		if m := w.Next(t); m.Type != "error" || !strings.Contains(string(m.Payload), "GRAPHQL_VALIDATION_FAILED") {
			t.Fatalf("an invalid subscription: %+v", m)
		}
		deep := `subscription($t: ID!) { trainingSessionsChanged(trainingId: $t) { session { training { sessions(first: 100) { edges { node { training { sessions(first: 100) { edges { node { training { sessions(first: 100) { edges { node { id } } } } } } } } } } } } } } }`
		w.Subscribe(t, "2", deep, map[string]any{"t": session})
		if m := w.Next(t); m.Type != "error" || !strings.Contains(string(m.Payload), "QUERY_TOO_COMPLEX") {
			t.Fatalf("a subscription over the cost limit: %+v", m)
		}
		// The connection survives refused operations.
		w.Subscribe(t, "3", watchSeats, map[string]any{"s": session})
		var v seats
		w.NextData(t, "3", &v)
	})
	t.Run("ForeignOriginIsRefused", func(t *testing.T) {
		_, resp, err := gqltest.DialWS(t, s.URL, http.Header{"Origin": {"https://evil.example"}})
		if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a WebSocket from a foreign origin: %v %v, want 403", resp, err)
		}
		w, _, err := gqltest.DialWS(t, s.URL, http.Header{"Origin": {"https://app.example"}})
		if err != nil {
			t.Fatalf("a WebSocket from an allowed origin: %v", err)
		}
		_ = w.Conn.CloseNow()
	})
	t.Run("QueriesRunAndComplete", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		w.Subscribe(t, "q", `{ professions(first: 1) { totalCount } }`, nil)
		var v struct{ Professions struct{ TotalCount int } }
		w.NextData(t, "q", &v)
		if v.Professions.TotalCount == 0 {
			t.Fatalf("a query over a WebSocket: %+v", v)
		}
		if m := w.Next(t); m.Type != "complete" || m.ID != "q" {
			t.Fatalf("after the query's result: %+v, want complete", m)
		}
	})
	t.Run("SubscriptionOverPlainPOSTIsRefused", func(t *testing.T) {
		r := s.Do(t, watchSeats, map[string]any{"s": session})
		if r.Status != http.StatusBadRequest || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "WebSocket") {
			t.Fatalf("a subscription over POST: %d %+v", r.Status, r.Errors)
		}
	})
	// Last: it leaves the client at its limit until the server has seen the connections close.
	t.Run("ConnectionsPerClientAreLimited", func(t *testing.T) {
		var open []*gqltest.WS
		var last *http.Response
		for range 30 {
			w, resp, err := gqltest.DialWS(t, s.URL, nil)
			if err != nil {
				last = resp
				break
			}
			open = append(open, w)
		}
		if len(open) > 20 || last == nil || last.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("opened %d connections (limit 20), then %v", len(open), last)
		}
		for _, w := range open {
			_ = w.Conn.CloseNow()
		}
	})
}

// TestSubscriptionMetricsAndShutdown: /metrics counts open subscriptions and connections, and
// the events sent; on shutdown every WebSocket is told with close code 1001, every event stream
// ends, and new ones are refused.
func TestSubscriptionMetricsAndShutdown(t *testing.T) {
	s := apitest.New(t, "sqlite")
	session := apitest.NewSession(t, s, 3, nil)
	ws := gqltest.ConnectWS(t, s.URL, nil)
	ws.Subscribe(t, "1", watchSeats, map[string]any{"s": session})
	var v seats
	ws.NextData(t, "1", &v)
	sse := s.StreamSSE(t, watchSeats, map[string]any{"s": session})
	sse.NextData(t, &v)
	registerOne(t, s.Client, session, 1)
	ws.NextData(t, "1", &v)
	sse.NextData(t, &v)
	body := metricsText(t, s.Base)
	for _, want := range []string{
		"careergraph_subscriptions_active 2",
		`careergraph_subscriptions_connections{transport="websocket"} 1`,
		`careergraph_subscriptions_connections{transport="sse"} 1`,
		`careergraph_notifications_sent_total{transport="websocket"} 2`,
		`careergraph_notifications_sent_total{transport="sse"} 2`,
		"careergraph_notifications_received_total",
		"careergraph_notifications_listener_reconnects_total 0",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), gqltest.Wait)
	defer cancel()
	if err := s.Handler.CloseStreams(ctx); err != nil {
		t.Fatal(err)
	}
	if ce := ws.WaitClose(t); ce.Code != websocket.StatusGoingAway {
		t.Fatalf("WebSocket closed with %d %q, want 1001", ce.Code, ce.Reason)
	}
	if ev := sse.Next(t); ev.Name != "end" {
		t.Fatalf("event stream after shutdown: %+v, want its end", ev)
	}
	_, resp, err := gqltest.DialWS(t, s.URL, nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("a new WebSocket while shutting down: %v %v, want 503", resp, err)
	}
	if body := metricsText(t, s.Base); !strings.Contains(body, "careergraph_subscriptions_active 0") {
		t.Errorf("after shutdown /metrics still counts subscriptions")
	}
}

func metricsText(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + httpapi.MetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestRevokedKeyEndsItsSubscriptions: a key revoked while its subscriptions run stops them at the
// next ping, over WebSocket (closed with 4403) and SSE (an UNAUTHENTICATED error, then the end),
// as it stops its next request at once.
func TestRevokedKeyEndsItsSubscriptions(t *testing.T) {
	s := apitest.New(t, "sqlite", func(c *config.Config, _ *app.Deps) { c.Subscriptions.PingInterval = 50 * time.Millisecond })
	ctx := access.AsSystem(context.Background())
	a := auth.New(s.Store.Client, auth.Options{})
	key, k, err := a.CreateKey(ctx, s.Store.Client, auth.NewKey{Name: "mirror", Scopes: []enum.Scope{enum.ReadCatalogue}})
	if err != nil {
		t.Fatal(err)
	}
	_, start := apitest.Drain(t, s.With("X-API-Key", key), "")
	ws := gqltest.ConnectWS(t, s.URL, map[string]any{"X-API-Key": key})
	ws.Subscribe(t, "feed", watchChanges, map[string]any{"after": start})
	ws.Sync(t)
	sse := s.With("X-API-Key", key).StreamSSE(t, watchChanges, map[string]any{"after": start})
	// Both still run several pings later.
	ws.Sync(t)
	if _, err := a.RevokeKey(ctx, s.Store.Client, k.ID); err != nil {
		t.Fatal(err)
	}
	if ce := ws.WaitClose(t); ce.Code != gqlstream.CloseForbidden {
		t.Fatalf("WebSocket of a revoked key closed with %d %q, want 4403", ce.Code, ce.Reason)
	}
	ev := sse.Next(t)
	if ev.Name != "next" || !strings.Contains(string(ev.Data), "UNAUTHENTICATED") {
		t.Fatalf("event stream of a revoked key: %s %s", ev.Name, ev.Data)
	}
	if ev := sse.Next(t); ev.Name != "complete" {
		t.Fatalf("after the error: %+v, want complete", ev)
	}
}

// TestWebSocketTimeouts: a WebSocket that never initialises is closed with 4408, one that runs
// nothing is closed when idle, and one whose client stops answering pings is closed.
func TestWebSocketTimeouts(t *testing.T) {
	s := apitest.New(t, "sqlite", func(c *config.Config, _ *app.Deps) {
		c.Subscriptions.InitTimeout = 100 * time.Millisecond
		c.Subscriptions.IdleTimeout = 300 * time.Millisecond
		c.Subscriptions.PingInterval = 100 * time.Millisecond
	})
	t.Run("NoInitIs4408", func(t *testing.T) {
		w, _, err := gqltest.DialWS(t, s.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ce := w.WaitClose(t); ce.Code != gqlstream.CloseInitTimeout {
			t.Fatalf("closed with %d %q, want 4408", ce.Code, ce.Reason)
		}
	})
	t.Run("IdleIsClosed", func(t *testing.T) {
		w := gqltest.ConnectWS(t, s.URL, nil)
		// Answering the server's pings keeps it alive, but not busy.
		if ce := w.WaitClose(t); ce.Code != websocket.StatusNormalClosure || !strings.Contains(ce.Reason, "idle") {
			t.Fatalf("closed with %d %q, want 1000 idle", ce.Code, ce.Reason)
		}
	})
	t.Run("UnansweredPingsClose", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), gqltest.Wait)
		defer cancel()
		// A client that reads nothing answers no ping.
		conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.URL, "http"), &websocket.DialOptions{Subprotocols: []string{gqlstream.Subprotocol}})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.CloseNow()
		if err := conn.Write(ctx, websocket.MessageText, []byte(`{"type":"connection_init"}`)); err != nil {
			t.Fatal(err)
		}
		for !strings.Contains(metricsText(t, s.Base), `careergraph_subscriptions_connections{transport="websocket"} 0`) {
			if ctx.Err() != nil {
				t.Fatal("the server kept a connection that answers no ping")
			}
			// The server's pings come every 100 ms; look again.
			time.Sleep(20 * time.Millisecond)
		}
	})
}

// TestFanOutReadsOncePerRights: the subscribers of one session's seats who have the same rights
// read it once per change between them; twelve anonymous subscribers cost the database what two
// do.
func TestFanOutReadsOncePerRights(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		session := apitest.NewSession(t, s, 50, nil)
		key, _, _ := gid.Decode(session)
		ctx := access.AsSystem(context.Background())
		costOfAChange := func(subscribers, left int) int64 {
			t.Helper()
			ws := gqltest.ConnectWS(t, s.URL, nil)
			for i := range subscribers {
				ws.Subscribe(t, fmt.Sprint(i), watchSeats, map[string]any{"s": session})
				var v seats
				ws.NextData(t, fmt.Sprint(i), &v)
			}
			before := s.Statements.Load()
			s.Store.Client.TrainingSession.UpdateOneID(key).SetSeatsLeft(left).ExecX(ctx)
			for range subscribers {
				if m := ws.Next(t); m.Type != "next" {
					t.Fatalf("after a change: %+v", m)
				}
			}
			n := s.Statements.Load() - before
			_ = ws.Conn.CloseNow()
			return n
		}
		// The writes that created the session reach the hub in their own time; one that arrives
		// after a subscriber's first read costs that subscriber a read of its own (it cannot know
		// the change is old). A first change, waited for, shows the hub past them: the feed is in
		// commit order.
		costOfAChange(1, 45)
		two, twelve := costOfAChange(2, 40), costOfAChange(12, 30)
		if twelve != two {
			t.Errorf("a change cost %d SQL statements with 2 subscribers and %d with 12, want the same", two, twelve)
		}
	})
}
