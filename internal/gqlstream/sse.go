package gqlstream

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/gqlhttp"
)

// SSE is the graphql-sse transport in distinct-connections mode: the request carries one
// operation, as for GraphQL over HTTP (POST with a JSON body, or GET with URL parameters, for
// queries and subscriptions only), and the response is an event stream of `next` events, each an
// execution result, and a last `complete` event. A request that fails before execution gets one
// `next` event with the errors, then `complete`.
type SSE struct{ *Streams }

var _ graphql.Transport = SSE{}

// Supports implements graphql.Transport.
func (SSE) Supports(r *http.Request) bool {
	return acceptsEventStream(r) && (r.Method == http.MethodPost || r.Method == http.MethodGet)
}

// Do implements graphql.Transport.
func (t SSE) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	began := graphql.Now()
	read := gqlhttp.ReadPOST
	if r.Method == http.MethodGet {
		read = gqlhttp.ReadGET
	}
	params, status, e := read(r)
	if e != nil && status != 0 {
		refuseList(w, status, gqlerror.List{e})
		return
	}
	st := t.open(w, r, "sse")
	if st == nil {
		return
	}
	defer t.closed(st, "sse")
	rc := http.NewResponseController(w)
	// The server's read timeout would end the request's context under a long stream; writes get
	// a deadline each.
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// Proxies such as nginx must pass events on as they come.
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	events := make(chan []byte)
	opened := make(chan struct{})
	done := make(chan gqlerror.List, 1)
	ctx := r.Context()
	go func() {
		defer close(events)
		if e != nil {
			done <- gqlerror.List{e}
			return
		}
		params.ReadTime = graphql.TraceTiming{Start: began, End: graphql.Now()}
		allow := func(op *ast.OperationDefinition) *apierr.Error {
			if r.Method == http.MethodGet && op.Operation == ast.Mutation {
				return apierr.New(apierr.BadUserInput, "GET runs queries and subscriptions only; send mutations with POST")
			}
			return nil
		}
		next, errs := start(ctx, exec, &params, allow, t.o.Charge)
		if errs != nil {
			done <- errs
			return
		}
		close(opened)
		relay(next, func(resp *graphql.Response) error {
			data, err := json.Marshal(resp)
			if err != nil {
				return err
			}
			select {
			case events <- data:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		done <- nil
	}()

	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(orForever(t.o.Limits.WriteTimeout)))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	waitOpen := (<-chan struct{})(opened)
	ping := time.NewTicker(orForever(t.o.Limits.PingInterval))
	defer ping.Stop()
	for {
		select {
		case <-st.shut:
			write([]byte(": server shutting down; connect again\n\n"))
			return
		case <-ctx.Done():
			return
		case <-waitOpen:
			// A first comment says that the operation runs: a subscription hears every change
			// from now on. It also tells proxies that the stream is open.
			waitOpen = nil
			if !write([]byte(":\n\n")) {
				return
			}
		case <-ping.C:
			if t.o.Recheck != nil {
				var e *apierr.Error
				if err := t.o.Recheck(ctx); errors.As(err, &e) {
					data, _ := json.Marshal(graphql.Response{Errors: gqlerror.List{e.GraphQL()}})
					write(event("next", data))
					write(event("complete", nil))
					return
				}
			}
			if !write([]byte(":\n\n")) {
				return
			}
		case data, ok := <-events:
			if !ok {
				if errs := <-done; errs != nil {
					data, _ = json.Marshal(graphql.Response{Errors: errs})
					if !write(event("next", data)) {
						return
					}
				}
				write(event("complete", nil))
				return
			}
			t.o.Metrics.Sent("sse")
			if !write(event("next", data)) {
				return
			}
		}
	}
}

// event is one server-sent event.
func event(name string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("event: " + name + "\ndata: ")
	b.Write(data)
	b.WriteString("\n\n")
	return b.Bytes()
}

func refuseList(w http.ResponseWriter, status int, errs gqlerror.List) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": errs})
}
