package gqlstream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/middleware"
)

// Subprotocol is the WebSocket subprotocol of graphql-ws.
const Subprotocol = "graphql-transport-ws"

// The graphql-transport-ws close codes.
const (
	CloseInternal         websocket.StatusCode = 4500
	CloseBadRequest       websocket.StatusCode = 4400
	CloseUnauthorized     websocket.StatusCode = 4401
	CloseForbidden        websocket.StatusCode = 4403
	CloseBadSubprotocol   websocket.StatusCode = 4406
	CloseInitTimeout      websocket.StatusCode = 4408
	CloseSubscriberExists websocket.StatusCode = 4409
	CloseTooManyInits     websocket.StatusCode = 4429
)

// WebSocket is the graphql-transport-ws transport.
type WebSocket struct{ *Streams }

var _ graphql.Transport = WebSocket{}

// Supports implements graphql.Transport.
func (WebSocket) Supports(r *http.Request) bool { return isWebSocket(r) }

// message is any graphql-transport-ws message.
type message struct {
	Type    string          `json:"type"`
	ID      string          `json:"id,omitempty"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// Do implements graphql.Transport.
func (t WebSocket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if !t.allowedOrigin(r) {
		middleware.Refuse(w, r, http.StatusForbidden, apierr.New(apierr.Forbidden, "pages at %s may not open a WebSocket to this API (see CORS_ALLOWED_ORIGINS)", r.Header.Get("Origin")))
		return
	}
	st := t.open(w, r, "websocket")
	if st == nil {
		return
	}
	defer t.closed(st, "websocket")
	// The server's read and write timeouts are for requests; the connection outlives them.
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{
		Subprotocols: []string{Subprotocol},
		// The origin was checked above, against the CORS settings.
		InsecureSkipVerify: true,
	})
	if err != nil {
		return
	}
	defer func() { _ = conn.CloseNow() }()
	if conn.Subprotocol() != Subprotocol {
		_ = conn.Close(CloseBadSubprotocol, "Subprotocol not acceptable: use "+Subprotocol)
		return
	}
	if n := t.o.Limits.MaxMessageBytes; n > 0 {
		conn.SetReadLimit(n)
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	c := &wsConn{Streams: t.Streams, conn: conn, exec: exec, ctx: ctx, ops: map[string]context.CancelFunc{}, headers: r.Header}
	c.serve(st)
}

// wsConn is one WebSocket connection.
type wsConn struct {
	*Streams
	conn    *websocket.Conn
	exec    graphql.GraphExecutor
	headers http.Header

	// ctx is the connection's until connection_init, then the authenticated one.
	ctx    context.Context
	acked  bool
	closed bool

	mu   sync.Mutex
	ops  map[string]context.CancelFunc
	idle *time.Timer
}

// closeWith closes the connection with a code and reason, once.
func (c *wsConn) closeWith(code websocket.StatusCode, reason string) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	c.mu.Unlock()
	_ = c.conn.Close(code, reason)
}

func (c *wsConn) serve(st *stream) {
	base := c.ctx
	incoming := make(chan message)
	readErr := make(chan error, 1)
	go func() {
		for {
			var m message
			typ, data, err := c.conn.Read(base)
			if err != nil {
				readErr <- err
				return
			}
			if typ != websocket.MessageText || json.Unmarshal(data, &m) != nil || m.Type == "" {
				c.closeWith(CloseBadRequest, "Invalid message received: a JSON object with a type")
				readErr <- errors.New("invalid message")
				return
			}
			select {
			case incoming <- m:
			case <-base.Done():
				return
			}
		}
	}()

	lim := c.o.Limits
	initTimer := time.NewTimer(orForever(lim.InitTimeout))
	defer initTimer.Stop()
	c.idle = time.NewTimer(orForever(lim.IdleTimeout))
	defer c.idle.Stop()
	ping := time.NewTicker(orForever(lim.PingInterval))
	defer ping.Stop()
	pingDone := make(chan error, 1)
	pinging := false

	defer c.stopAll()
	for {
		select {
		case <-st.shut:
			c.closeWith(websocket.StatusGoingAway, "server shutting down; connect again")
			return
		case <-readErr:
			return
		case <-initTimer.C:
			if !c.acked {
				c.closeWith(CloseInitTimeout, "Connection initialisation timeout")
				return
			}
		case <-c.idle.C:
			if c.running() == 0 {
				c.closeWith(websocket.StatusNormalClosure, "idle: no subscription for "+lim.IdleTimeout.String())
				return
			}
			c.idle.Reset(orForever(lim.IdleTimeout))
		case <-ping.C:
			if pinging {
				// A client that answers no ping would not answer a close handshake either.
				_ = c.conn.CloseNow()
				return
			}
			if err := c.recheck(); err != nil {
				c.closeWith(CloseForbidden, "Forbidden: "+err.Message)
				return
			}
			pinging = true
			go func() {
				ctx, cancel := context.WithTimeout(base, orForever(lim.PingInterval))
				defer cancel()
				pingDone <- c.conn.Ping(ctx)
			}()
		case err := <-pingDone:
			if err != nil {
				_ = c.conn.CloseNow()
				return
			}
			pinging = false
		case m := <-incoming:
			if !c.handle(m) {
				return
			}
			c.idle.Reset(orForever(lim.IdleTimeout))
		}
	}
}

// handle answers one message and reports whether the connection stays open.
func (c *wsConn) handle(m message) bool {
	switch m.Type {
	case "connection_init":
		if c.acked {
			c.closeWith(CloseTooManyInits, "Too many initialisation requests")
			return false
		}
		var payload map[string]any
		if len(m.Payload) > 0 && string(m.Payload) != "null" && json.Unmarshal(m.Payload, &payload) != nil {
			c.closeWith(CloseBadRequest, "Invalid message received: connection_init's payload must be an object")
			return false
		}
		ctx, err := c.o.Init(c.ctx, payload)
		if err != nil {
			var e *apierr.Error
			switch {
			case errors.As(err, &e) && e.Code == apierr.Unauthenticated:
				c.closeWith(CloseForbidden, "Forbidden: "+e.Message)
			case errors.As(err, &e) && e.Code == apierr.RateLimited:
				c.closeWith(CloseTooManyInits, "Too many requests: "+e.Message)
			default:
				c.o.Log.ErrorContext(c.ctx, "authenticating a WebSocket", "error", err)
				c.closeWith(CloseInternal, "internal error")
			}
			return false
		}
		c.ctx, c.acked = ctx, true
		return c.write(message{Type: "connection_ack"}) == nil
	case "ping":
		return c.write(message{Type: "pong", Payload: m.Payload}) == nil
	case "pong":
		return true
	case "subscribe":
		if !c.acked {
			c.closeWith(CloseUnauthorized, "Unauthorized: send connection_init first")
			return false
		}
		var p graphql.RawParams
		if m.ID == "" || decode(m.Payload, &p) != nil || p.Query == "" && p.Extensions == nil {
			c.closeWith(CloseBadRequest, "Invalid message received: subscribe needs an id and a payload with a query")
			return false
		}
		return c.subscribe(m.ID, &p)
	case "complete":
		c.mu.Lock()
		if cancel, ok := c.ops[m.ID]; ok {
			cancel()
			delete(c.ops, m.ID)
		}
		c.mu.Unlock()
		return true
	}
	c.closeWith(CloseBadRequest, fmt.Sprintf("Invalid message received: unknown type %q", m.Type))
	return false
}

func (c *wsConn) subscribe(id string, p *graphql.RawParams) bool {
	c.mu.Lock()
	if _, ok := c.ops[id]; ok {
		c.mu.Unlock()
		c.closeWith(CloseSubscriberExists, "Subscriber for "+id+" already exists")
		return false
	}
	if n := c.o.Limits.SubscriptionsPerConnection; n > 0 && len(c.ops) >= n {
		c.mu.Unlock()
		return c.writeErrors(id, gqlerror.List{apierr.New(apierr.RateLimited,
			"this connection already runs %d operations, the most it may; complete one first", n).GraphQL()}) == nil
	}
	ctx, cancel := context.WithCancel(c.ctx)
	c.ops[id] = cancel
	c.mu.Unlock()
	if c.o.Admit != nil {
		if err := c.o.Admit(ctx); err != nil {
			c.finish(id)
			return c.writeErrors(id, gqlerror.List{asGraphQL(err)}) == nil
		}
	}
	p.Headers = c.headers
	now := graphql.Now()
	p.ReadTime = graphql.TraceTiming{Start: now, End: now}
	// Started before the next message is read: a client that sees the answer to a later ping
	// knows that the subscription hears every change from then on.
	next, errs := start(ctx, c.exec, p, nil, c.o.Charge)
	if errs != nil {
		c.finish(id)
		return c.writeErrors(id, errs) == nil
	}
	go func() {
		defer c.finish(id)
		relay(next, func(resp *graphql.Response) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			payload, err := json.Marshal(resp)
			if err != nil {
				return err
			}
			c.o.Metrics.Sent("websocket")
			return c.write(message{Type: "next", ID: id, Payload: payload})
		})
		// Unless the client completed it, or the connection is closing, the client is told
		// that the operation is done.
		if ctx.Err() == nil {
			_ = c.write(message{Type: "complete", ID: id})
		}
	}()
	return true
}

// recheck checks the connection's credentials again, once it is initialised.
func (c *wsConn) recheck() *apierr.Error {
	if !c.acked || c.o.Recheck == nil {
		return nil
	}
	err := c.o.Recheck(c.ctx)
	if err == nil {
		return nil
	}
	var e *apierr.Error
	if !errors.As(err, &e) {
		// The check itself failed (the database): the connection stays, and the next ping
		// checks again.
		c.o.Log.WarnContext(c.ctx, "checking a WebSocket's credentials again", "error", err)
		return nil
	}
	return e
}

// finish forgets a finished operation.
func (c *wsConn) finish(id string) {
	c.mu.Lock()
	if cancel, ok := c.ops[id]; ok {
		cancel()
		delete(c.ops, id)
	}
	c.mu.Unlock()
}

func (c *wsConn) running() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ops)
}

func (c *wsConn) stopAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, cancel := range c.ops {
		cancel()
		delete(c.ops, id)
	}
}

func (c *wsConn) writeErrors(id string, errs gqlerror.List) error {
	payload, err := json.Marshal(errs)
	if err != nil {
		return err
	}
	return c.write(message{Type: "error", ID: id, Payload: payload})
}

// write sends one message, within the write timeout.
func (c *wsConn) write(m message) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), orForever(c.o.Limits.WriteTimeout))
	defer cancel()
	return c.conn.Write(ctx, websocket.MessageText, data)
}

// decode reads JSON keeping numbers as written, as the HTTP transports do.
func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

func asGraphQL(err error) *gqlerror.Error {
	var e *apierr.Error
	if errors.As(err, &e) {
		return e.GraphQL()
	}
	return apierr.New(apierr.Internal, "internal error").GraphQL()
}

// orForever is d, or a duration long enough never to pass when d is 0 (no limit).
func orForever(d time.Duration) time.Duration {
	if d <= 0 {
		return 1<<63 - 1
	}
	return d
}
