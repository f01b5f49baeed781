// Package gqlhttp carries GraphQL over HTTP as the GraphQL-over-HTTP specification describes, as
// gqlgen transports:
//
//   - POST with an application/json body runs any operation; GET with URL parameters runs
//     queries only (a mutation over GET is 405 with Allow: POST).
//   - Any other request body (form-encoded, multipart, text/plain: what a browser sends
//     cross-site without a preflight) is 415 and never runs: with credentials in headers only,
//     this is the API's defence against cross-site request forgery.
//   - The response is application/graphql-response+json or application/json, as the Accept
//     header prefers (application/json when there is none); 406 when it accepts neither.
//   - A request that fails before execution (parsing, validation, limits) is 400 without a data
//     entry under application/graphql-response+json, and 200 under application/json, where older
//     clients expect it.
//   - An operation whose caller's budget cannot pay its cost is 429 (Options.Charge), with the
//     budget's headers; every answer carries them.
//   - Answers to public GET requests may be kept by browsers and CDNs, validated by an ETag
//     (Options.CacheMaxAge); everything else is private to its caller and never stored.
//
// The transport answers, so it writes the request's log line (internal/middleware's Entry).
package gqlhttp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/middleware"
	"careergraph/internal/persisted"
)

// Media types.
const (
	GraphQLResponse = "application/graphql-response+json"
	JSON            = "application/json"
)

// POST is the transport of POST requests.
type POST struct{ Options }

// GET is the transport of GET (and HEAD) requests.
type GET struct{ Options }

// Options are what the transports do besides carrying GraphQL.
type Options struct {
	// Charge, when set, charges each operation its cost before it runs.
	Charge Charge
	// CacheMaxAge is how long shared caches may keep the answers to GET requests that Public
	// reports as public (anonymous ones: they read published data only); zero caches nothing.
	CacheMaxAge time.Duration
	Public      func(*http.Request) bool
}

// Charge spends the cost of operation oc from its caller's budget before it runs, and writes
// the budget's headers into h when there is one (a WebSocket has none). It returns the context the
// operation runs with and its cost, or the RATE_LIMITED error that refuses it.
type Charge func(ctx context.Context, oc *graphql.OperationContext, h http.Header) (context.Context, int, *gqlerror.Error)

var (
	_ graphql.Transport = POST{}
	_ graphql.Transport = GET{}
)

// Supports implements graphql.Transport: every POST, so that wrong media types get a proper 415.
func (POST) Supports(r *http.Request) bool { return r.Method == http.MethodPost }

// Supports implements graphql.Transport.
func (GET) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet || r.Method == http.MethodHead
}

// Do implements graphql.Transport.
func (t POST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	serve(&exchange{w: w, r: r, o: t.Options}, exec, ReadPOST, false)
}

// Do implements graphql.Transport.
func (t GET) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	serve(&exchange{w: w, r: r, o: t.Options}, exec, ReadGET, true)
}

// exchange is one request and its answer: what the log line says of it is gathered here.
type exchange struct {
	w       http.ResponseWriter
	r       *http.Request
	o       Options
	ctx     context.Context
	status  int
	outcome middleware.Outcome
}

// serve answers one request that read reads, and writes its log line.
func serve(x *exchange, exec graphql.GraphExecutor, read func(*http.Request) (graphql.RawParams, int, *gqlerror.Error), queriesOnly bool) {
	x.ctx = x.r.Context()
	defer func() {
		x.outcome.Status = x.status
		middleware.EntryFrom(x.ctx).Write(x.ctx, x.outcome)
	}()
	start := graphql.Now()
	mt, ok := negotiate(x.r.Header.Get("Accept"))
	if !ok {
		x.refuse(http.StatusNotAcceptable, JSON, "the response is "+GraphQLResponse+" or "+JSON+"; the Accept header allows neither")
		return
	}
	params, status, e := read(x.r)
	if e != nil {
		x.writeRequestError(mt, status, &graphql.Response{Errors: gqlerror.List{e}})
		return
	}
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	x.run(exec, &params, mt, queriesOnly)
}

// ReadPOST reads the GraphQL request in a POST body. A request it cannot read is an error with
// the status to answer: 415 for a body that is not JSON, 400 otherwise (0 when the status depends
// on the response's media type, as for any request error).
func ReadPOST(r *http.Request) (graphql.RawParams, int, *gqlerror.Error) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != JSON {
		return graphql.RawParams{}, http.StatusUnsupportedMediaType, apierr.New(apierr.BadUserInput, "send the request as "+JSON).GraphQL()
	}
	var body struct {
		graphql.RawParams
		DocumentID string `json:"documentId"`
	}
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return graphql.RawParams{}, http.StatusBadRequest, apierr.New(apierr.BadUserInput, "the body is not a JSON GraphQL request: {\"query\": …, \"variables\": {…}}").GraphQL()
	}
	params := body.RawParams
	if e := persisted.DocumentID(&params, body.DocumentID); e != nil {
		return params, 0, e
	}
	params.Headers = r.Header
	return params, 0, nil
}

// ReadGET reads the GraphQL request in a GET request's URL parameters, with errors as ReadPOST's.
func ReadGET(r *http.Request) (graphql.RawParams, int, *gqlerror.Error) {
	q := r.URL.Query()
	params := graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName"), Headers: r.Header}
	for name, dst := range map[string]*map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
		if v := q.Get(name); v != "" {
			dec := json.NewDecoder(strings.NewReader(v))
			dec.UseNumber()
			if err := dec.Decode(dst); err != nil {
				return params, http.StatusBadRequest, apierr.New(apierr.BadUserInput, "the %s parameter is not a JSON object", name).GraphQL()
			}
		}
	}
	if e := persisted.DocumentID(&params, q.Get("documentId")); e != nil {
		return params, 0, e
	}
	return params, 0, nil
}

// run executes one request and writes its response.
func (x *exchange) run(exec graphql.GraphExecutor, params *graphql.RawParams, mt string, queriesOnly bool) {
	ctx := x.ctx
	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		if len(errs) > MaxErrors {
			// Only the errors written are presented (and logged).
			errs = errs[:MaxErrors+1]
		}
		CodeRequestErrors(errs)
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		x.writeRequestError(mt, 0, capErrors(resp))
		return
	}
	x.outcome.Operation = rc.OperationName
	op := rc.Doc.Operations.ForName(rc.OperationName)
	if x.outcome.Operation == "" && op != nil {
		x.outcome.Operation = op.Name
	}
	if op != nil && op.Operation == ast.Subscription && !queriesOnly {
		x.refuse(http.StatusBadRequest, mt, "a subscription runs over a WebSocket (graphql-transport-ws) or as Server-Sent Events (Accept: text/event-stream), not as a plain POST")
		return
	}
	if queriesOnly && (op == nil || op.Operation != ast.Query) {
		x.w.Header().Set("Allow", http.MethodPost)
		x.refuse(http.StatusMethodNotAllowed, mt, "GET runs queries only; send mutations with POST")
		return
	}
	if x.o.Charge != nil {
		var refusal *gqlerror.Error
		ctx, x.outcome.Cost, refusal = x.o.Charge(ctx, rc, x.w.Header())
		if refusal != nil {
			x.outcome.RateLimited = true
			x.writeBody(mt, http.StatusTooManyRequests, &graphql.Response{Errors: gqlerror.List{refusal}})
			return
		}
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if resp == nil {
		// gqlgen gives no response when the request's context ended (its deadline, or the
		// client gone); the client, if still there, gets an answer all the same.
		e := apierr.New(apierr.Internal, "the request took too long or was cancelled").GraphQL()
		e.Extensions["requestId"] = middleware.RequestIDFrom(ctx)
		resp = &graphql.Response{Errors: gqlerror.List{e}}
	}
	x.send(mt, http.StatusOK, len(resp.Errors) == 0, encode(capErrors(resp))...)
}

// CodeRequestErrors gives the errors of a request refused before execution that carry no code
// BAD_USER_INPUT: everything that fails then is about the request itself (an APQ hash that does
// not match its query, say), the client's to fix, never INTERNAL.
func CodeRequestErrors(errs gqlerror.List) {
	for _, e := range errs {
		if _, coded := e.Extensions["code"]; !coded {
			if e.Extensions == nil {
				e.Extensions = map[string]any{}
			}
			e.Extensions["code"] = string(apierr.BadUserInput)
		}
	}
}

// MaxErrors is the most errors a response carries: a document built to fail everywhere gets a
// short answer, not one error per mistake.
const MaxErrors = 20

// capErrors keeps the first MaxErrors errors of resp and says in its extensions that more were
// left out (`omittedErrors: true`).
func capErrors(resp *graphql.Response) *graphql.Response {
	if len(resp.Errors) <= MaxErrors {
		return resp
	}
	resp.Errors = resp.Errors[:MaxErrors]
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	resp.Extensions["omittedErrors"] = true
	return resp
}

// negotiate picks the response's media type from an Accept header.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return JSON, true
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		var candidate string
		switch mt {
		case GraphQLResponse:
			candidate = GraphQLResponse
		case JSON:
			candidate = JSON
		case "application/*", "*/*":
			candidate = JSON
		}
		// Prefer the newer type when both are equally wanted.
		if candidate != "" && q > 0 && (q > bestQ || q == bestQ && candidate == GraphQLResponse) {
			best, bestQ = candidate, q
		}
	}
	return best, best != ""
}

// writeRequestError answers a request that failed before execution: no data entry, since
// nothing was executed; 400 in the GraphQL response media type, 200 in plain JSON, as the
// GraphQL-over-HTTP specification has it.
func (x *exchange) writeRequestError(mt string, status int, resp *graphql.Response) {
	body := struct {
		Errors     gqlerror.List  `json:"errors"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Errors, resp.Extensions}
	if status == 0 {
		status = http.StatusOK
		if mt == GraphQLResponse {
			status = http.StatusBadRequest
		}
	}
	x.writeBody(mt, status, body)
}

func (x *exchange) refuse(status int, mt, msg string) {
	x.writeBody(mt, status, map[string]any{"errors": gqlerror.List{apierr.New(apierr.BadUserInput, "%s", msg).GraphQL()}})
}

func (x *exchange) writeBody(mt string, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	x.send(mt, status, false, b, []byte("\n"))
}

// encode returns resp as JSON, in parts. The data is JSON already, written by the executor: it
// goes out as it is. Marshalling the whole response would have encoding/json scan and copy it
// once more, byte by byte, which for a page of 50 professions with their skills costs as much as
// writing it did.
func encode(resp *graphql.Response) [][]byte {
	whole := func() [][]byte {
		b, err := json.Marshal(resp)
		if err != nil {
			b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
		}
		return [][]byte{b, []byte("\n")}
	}
	if len(resp.Data) == 0 {
		return whole()
	}
	var errs, rest []byte
	var err error
	if len(resp.Errors) > 0 {
		errs, err = json.Marshal(resp.Errors)
	}
	if err == nil {
		rest, err = json.Marshal(responseTail{resp.Label, resp.Path, resp.HasNext, resp.Extensions})
	}
	if err != nil {
		return whole()
	}
	head := make([]byte, 0, len(errs)+24)
	head = append(head, '{')
	if errs != nil {
		head = append(append(append(head, `"errors":`...), errs...), ',')
	}
	head = append(head, `"data":`...)
	tail := []byte("}\n")
	if len(rest) > 2 { // more than {}
		tail = append(append([]byte{','}, rest[1:]...), '\n')
	}
	// The data goes out in a write of its own, not copied behind the errors first; the tail goes
	// with it when the data's buffer has room for it (it nearly always has: the executor's buffer
	// grows by doubling). As a part of its own, the tail of an answer larger than the connection's
	// buffer would wait there for a write of its own when the handler returns.
	if cap(resp.Data)-len(resp.Data) >= len(tail) {
		return [][]byte{head, append(resp.Data, tail...)}
	}
	return [][]byte{head, resp.Data, tail}
}

// responseTail is what graphql.Response holds after its data, in the same order and with the
// same names, so that a response written by parts reads as one marshalled whole.
type responseTail struct {
	Label      string         `json:"label,omitempty"`
	Path       ast.Path       `json:"path,omitempty"`
	HasNext    *bool          `json:"hasNext,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// send writes the answer: status and the body made of parts, as media type mt. The answer to a
// public GET that succeeded (ok: no errors) may be kept by browsers and CDNs, validated by an
// ETag: a matching If-None-Match gets 304 without a body. Everything else is private to its
// caller and never stored.
func (x *exchange) send(mt string, status int, ok bool, parts ...[]byte) {
	h := x.w.Header()
	h.Set("Content-Type", mt+"; charset=utf-8")
	addVary(h, "Accept", "Authorization", "X-API-Key")
	public := (x.r.Method == http.MethodGet || x.r.Method == http.MethodHead) &&
		x.o.CacheMaxAge > 0 && x.o.Public != nil && x.o.Public(x.r)
	switch {
	case !public:
		h.Set("Cache-Control", "private, no-store")
	case status != http.StatusOK || !ok:
		h.Set("Cache-Control", "no-store")
	default:
		// The same data in another media type is another representation: its own ETag.
		sum := sha256.New()
		sum.Write([]byte(h.Get("Content-Type") + "\n"))
		for _, p := range parts {
			sum.Write(p)
		}
		etag := `"` + hex.EncodeToString(sum.Sum(nil)[:16]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(x.o.CacheMaxAge.Seconds())))
		if match := x.r.Header.Get("If-None-Match"); match != "" && (match == etag || strings.Contains(match, etag)) {
			x.status = http.StatusNotModified
			x.w.WriteHeader(x.status)
			return
		}
	}
	x.status = status
	// With its length known the answer is not chunked, and goes out in as few writes as the
	// connection's buffer allows.
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	h.Set("Content-Length", strconv.Itoa(n))
	x.w.WriteHeader(status)
	for _, p := range parts {
		if _, err := x.w.Write(p); err != nil {
			return
		}
	}
}

// addVary adds names to the Vary header without dropping what other layers put there (CORS adds
// Origin), each name once: a shared cache must key its copies on every one of them, or it hands
// one caller's answer to another.
func addVary(h http.Header, names ...string) {
	var all []string
	seen := map[string]bool{}
	// A fresh slice throughout: the CORS library's Vary value is a slice shared by all responses.
	for _, v := range slices.Concat(h.Values("Vary"), names) {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			if key := strings.ToLower(name); name != "" && !seen[key] {
				seen[key] = true
				all = append(all, name)
			}
		}
	}
	h["Vary"] = []string{strings.Join(all, ", ")}
}
