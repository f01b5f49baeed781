package gqltest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// Wait is how long a test waits for an event that should come before it gives up: a bound on a
// failing test, never a pause (events are awaited, not slept for).
const Wait = 30 * time.Second

// Message is a graphql-transport-ws message.
type Message struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// WS is a graphql-transport-ws client, as graphql-ws speaks it.
type WS struct {
	Conn *websocket.Conn
	in   chan Message
	// Closed receives the close status and reason when the server closes the connection.
	Closed chan websocket.CloseError
}

// DialWS opens a WebSocket to url (http:// or https://) with the graphql-transport-ws
// subprotocol and the header given; it does not send connection_init.
func DialWS(t testing.TB, url string, header http.Header) (*WS, *http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Wait)
	defer cancel()
	conn, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(url, "http"), &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: header,
	})
	if err != nil {
		return nil, resp, err
	}
	w := &WS{Conn: conn, in: make(chan Message, 64), Closed: make(chan websocket.CloseError, 1)}
	go func() {
		defer close(w.in)
		for {
			_, data, err := conn.Read(context.Background())
			if err != nil {
				var ce websocket.CloseError
				if errors.As(err, &ce) {
					w.Closed <- ce
				}
				close(w.Closed)
				return
			}
			var m Message
			if json.Unmarshal(data, &m) == nil {
				w.in <- m
			}
		}
	}()
	t.Cleanup(func() { _ = conn.CloseNow() })
	return w, resp, nil
}

// ConnectWS opens a WebSocket and initialises it with payload, failing the test unless the
// server acknowledges.
func ConnectWS(t testing.TB, url string, payload map[string]any) *WS {
	t.Helper()
	w, _, err := DialWS(t, url, nil)
	if err != nil {
		t.Fatalf("opening a WebSocket: %v", err)
	}
	w.Send(t, Message{Type: "connection_init", Payload: mustJSON(t, payload)})
	if m := w.Next(t); m.Type != "connection_ack" {
		t.Fatalf("after connection_init: %+v, want connection_ack", m)
	}
	return w
}

// Send sends a message.
func (w *WS) Send(t testing.TB, m Message) {
	t.Helper()
	data, _ := json.Marshal(m)
	ctx, cancel := context.WithTimeout(context.Background(), Wait)
	defer cancel()
	if err := w.Conn.Write(ctx, websocket.MessageText, data); err != nil {
		t.Fatalf("sending %s: %v", m.Type, err)
	}
}

// Subscribe starts an operation under id.
func (w *WS) Subscribe(t testing.TB, id, query string, vars map[string]any) {
	t.Helper()
	w.Send(t, Message{Type: "subscribe", ID: id, Payload: mustJSON(t, map[string]any{"query": query, "variables": vars})})
}

// Next returns the next message from the server, failing the test when none comes.
func (w *WS) Next(t testing.TB) Message {
	t.Helper()
	select {
	case m, ok := <-w.in:
		if !ok {
			t.Fatal("the server closed the WebSocket while a message was awaited")
		}
		return m
	case <-time.After(Wait):
		t.Fatalf("no message from the server within %s", Wait)
	}
	return Message{}
}

// Sync sends a ping and waits for its pong: the server handles a connection's messages in order,
// so every subscription sent before runs, and hears every change made after Sync returns.
func (w *WS) Sync(t testing.TB) {
	t.Helper()
	w.Send(t, Message{Type: "ping"})
	if m := w.Next(t); m.Type != "pong" {
		t.Fatalf("waiting for a pong: %+v", m)
	}
}

// NextError returns the errors of operation id, which failed: an error message (refused before
// it ran), or a next message with errors followed by complete (refused by its resolver, as
// graphql-ws reports it).
func (w *WS) NextError(t testing.TB, id string) []Error {
	t.Helper()
	m := w.Next(t)
	if m.ID != id {
		t.Fatalf("got %s for %q, want the outcome of %q", m.Type, m.ID, id)
	}
	switch m.Type {
	case "error":
		var errs []Error
		if err := json.Unmarshal(m.Payload, &errs); err != nil || len(errs) == 0 {
			t.Fatalf("error message %s", m.Payload)
		}
		return errs
	case "next":
		var r struct{ Errors []Error }
		if err := json.Unmarshal(m.Payload, &r); err != nil || len(r.Errors) == 0 {
			t.Fatalf("got %s, want errors", m.Payload)
		}
		if end := w.Next(t); end.Type != "complete" || end.ID != id {
			t.Fatalf("after the errors of %q: %+v, want complete", id, end)
		}
		return r.Errors
	}
	t.Fatalf("got %s %s, want errors for %q", m.Type, m.Payload, id)
	return nil
}

// NextData returns the data of the next `next` message of operation id, decoded into v, failing
// the test on any other message or on errors.
func (w *WS) NextData(t testing.TB, id string, v any) {
	t.Helper()
	m := w.Next(t)
	if m.Type != "next" || m.ID != id {
		t.Fatalf("got %s %s %s, want next for %s", m.Type, m.ID, m.Payload, id)
	}
	decodeData(t, m.Payload, v)
}

// WaitClose returns the close status the server closed with, failing the test when it does not
// close.
func (w *WS) WaitClose(t testing.TB) websocket.CloseError {
	t.Helper()
	deadline := time.After(Wait)
	for {
		select {
		case <-w.in:
		case ce, ok := <-w.Closed:
			if !ok {
				t.Fatal("the connection ended without a close frame")
			}
			return ce
		case <-deadline:
			t.Fatalf("the server did not close the WebSocket within %s", Wait)
		}
	}
}

// Event is one server-sent event.
type Event struct {
	Name string
	Data json.RawMessage
}

// SSE is a graphql-sse client in distinct-connections mode.
type SSE struct {
	Resp   *http.Response
	events chan Event
}

// StreamSSE posts an operation with Accept: text/event-stream and returns its stream once the
// server has started the operation; the response is checked by the caller (its status and
// headers are in Resp).
func (c Client) StreamSSE(t testing.TB, query string, vars map[string]any) *SSE {
	t.Helper()
	resp, err := http.DefaultClient.Do(c.post(t, query, vars, "text/event-stream"))
	if err != nil {
		t.Fatalf("opening an event stream: %v", err)
	}
	t.Cleanup(func() { _ = resp.Body.Close() })
	s := &SSE{Resp: resp, events: make(chan Event, 64)}
	opened := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(opened) }) }
	go func() {
		defer close(s.events)
		defer open()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		var ev Event
		for sc.Scan() {
			line := sc.Text()
			open()
			switch {
			case line == "":
				if ev.Name != "" {
					s.events <- ev
				}
				ev = Event{}
			case strings.HasPrefix(line, "event:"):
				ev.Name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.Data = append(ev.Data, strings.TrimSpace(strings.TrimPrefix(line, "data:"))...)
			}
		}
	}()
	// The server writes once the operation runs (a comment, or the first event): from then on
	// no change escapes the subscription.
	select {
	case <-opened:
	case <-time.After(Wait):
		t.Fatalf("the event stream did not open within %s", Wait)
	}
	return s
}

// Next returns the next event, or an event named "end" when the stream ended; it fails the test
// when none comes.
func (s *SSE) Next(t testing.TB) Event {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			return Event{Name: "end"}
		}
		return ev
	case <-time.After(Wait):
		t.Fatalf("no event within %s", Wait)
	}
	return Event{}
}

// NextData decodes the data of the next `next` event into v, failing the test on anything else.
func (s *SSE) NextData(t testing.TB, v any) {
	t.Helper()
	ev := s.Next(t)
	if ev.Name != "next" {
		t.Fatalf("got event %q %s, want next", ev.Name, ev.Data)
	}
	decodeData(t, ev.Data, v)
}

// decodeData decodes a result's data into v, failing the test when the result has errors.
func decodeData(t testing.TB, payload json.RawMessage, v any) {
	t.Helper()
	var r struct {
		Data   json.RawMessage
		Errors []Error
	}
	if err := json.Unmarshal(payload, &r); err != nil {
		t.Fatalf("decoding %s: %v", payload, err)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("errors in an event: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decoding %s: %v", r.Data, err)
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
