package bench

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"net/http"
	"time"
)

// The load generator shares the machine with the paths it measures, so what it spends itself
// is taken from them: the same for every path per request, it pulls every ratio of throughputs
// towards 1. Under load it therefore speaks HTTP/1.1 over connections of its own, one per
// request in flight, each request written out once before the measurement and each answer read
// into a buffer the connection keeps. net/http's client hands every request and answer between
// three goroutines and allocates the body afresh: about twice the CPU per request.

// wireKey names a workload's requests as one path receives them.
type wireKey struct {
	path  Path
	first *Request
	n     int
}

// wired returns w's requests as path receives them, in the order of w.Requests, each written
// out as it goes on the wire, and the address they go to. They are written once per client.
func (c *Client) wired(ctx context.Context, path Path, w Workload) (string, [][]byte, error) {
	if len(w.Requests) == 0 {
		return "", nil, nil
	}
	key := wireKey{path, &w.Requests[0], len(w.Requests)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if got, ok := c.wire[key]; ok {
		return got.addr, got.raw, nil
	}
	var (
		addr string
		raw  = make([][]byte, len(w.Requests))
	)
	for i, r := range w.Requests {
		req, err := c.request(ctx, path, w, r)
		if err != nil {
			return "", nil, err
		}
		var b bytes.Buffer
		if err := req.Write(&b); err != nil {
			return "", nil, err
		}
		addr, raw[i] = req.URL.Host, b.Bytes()
	}
	if c.wire == nil {
		c.wire = map[wireKey]wiredRequests{}
	}
	c.wire[key] = wiredRequests{addr, raw}
	return addr, raw, nil
}

type wiredRequests struct {
	addr string
	raw  [][]byte
}

// wireConn is one keep-alive connection of the load generator, used by one goroutine.
type wireConn struct {
	addr string
	nc   net.Conn
	stop func() bool // stops ending nc's reads when the measurement is cancelled
	br   *bufio.Reader
	body bytes.Buffer
}

// do sends raw, a request written out, and reads the answer, which holds until the next call.
// The connection is dialled again after the server closed it or anything failed.
func (wc *wireConn) do(ctx context.Context, raw []byte, deadline time.Time) (*http.Response, []byte, error) {
	if wc.nc == nil {
		var d net.Dialer
		nc, err := d.DialContext(ctx, "tcp", wc.addr)
		if err != nil {
			return nil, nil, err
		}
		wc.nc = nc
		// A measurement cancelled (another request failed) ends a read that waits for its answer.
		wc.stop = context.AfterFunc(ctx, func() { _ = nc.SetDeadline(time.Unix(1, 0)) })
		if wc.br == nil {
			wc.br = bufio.NewReaderSize(nc, 64<<10)
		} else {
			wc.br.Reset(nc)
		}
	}
	resp, err := wc.exchange(raw, deadline)
	if err != nil || resp.Close {
		wc.close()
	}
	return resp, wc.body.Bytes(), err
}

func (wc *wireConn) exchange(raw []byte, deadline time.Time) (*http.Response, error) {
	if err := wc.nc.SetDeadline(deadline); err != nil {
		return nil, err
	}
	if _, err := wc.nc.Write(raw); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(wc.br, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	wc.body.Reset()
	_, err = wc.body.ReadFrom(resp.Body)
	return resp, err
}

func (wc *wireConn) close() {
	if wc.nc != nil {
		wc.stop()
		wc.nc.Close()
		wc.nc = nil
	}
}
