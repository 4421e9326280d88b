package sandbox

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Running is a sandbox serving HTTP.
type Running struct {
	// URL is the endpoint to give the client, e.g. "http://127.0.0.1:41234".
	URL string
	// AccessKey and SecretKey are the credential the sandbox accepts.
	AccessKey, SecretKey string
	// Server is the handler, for inspection and for Close.
	Server *Server

	http      *http.Server
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error

	// fresh are the connections that have not sent a request yet: net/http's
	// Shutdown counts them as active for five seconds, so Close closes them
	// first (nothing is lost: no request of theirs was read).
	mu    sync.Mutex
	fresh map[net.Conn]bool
}

// track follows connections from opening to their first request.
func (r *Running) track(c net.Conn, st http.ConnState) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st == http.StateNew {
		r.fresh[c] = true
	} else {
		delete(r.fresh, c)
	}
}

// Start runs a sandbox in-process on 127.0.0.1 with a free port, as
// `cocvm --sandbox` does. It stops when ctx is done or Close is called.
func Start(ctx context.Context, opts Options) (*Running, error) {
	return StartAddr(ctx, "127.0.0.1:0", opts)
}

// How long the sandbox's HTTP server waits for a client; both Start and
// StartAddr (so `cocvm --sandbox` and `cocvm sandbox serve`) use them.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 10 * time.Second
	// ReadTimeout bounds reading a whole request, headers and body. A
	// createInstances body is a few KiB and the largest accepted is 1 MiB
	// (70 KiB/s over 15 s); a connection that trickles its body slower is
	// closed, instead of holding a goroutine and a descriptor for ever.
	ReadTimeout = 15 * time.Second
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request. The client then dials again; a request that meets a
	// connection just as it closes was never read, so net/http's own
	// resend of it reuses no nonce the sandbox has seen.
	IdleTimeout = 60 * time.Second
)

// serverTimeouts are the HTTP server's timeouts; tests shorten them.
type serverTimeouts struct {
	readHeader, read, idle time.Duration
}

var defaultTimeouts = serverTimeouts{readHeader: ReadHeaderTimeout, read: ReadTimeout, idle: IdleTimeout}

// StartAddr is Start on a given address ("127.0.0.1:8089"), for
// `cocvm sandbox serve`. Whether a non-loopback address is allowed is the
// caller's decision.
func StartAddr(ctx context.Context, addr string, opts Options) (*Running, error) {
	return startAddr(ctx, addr, opts, defaultTimeouts)
}

func startAddr(ctx context.Context, addr string, opts Options, to serverTimeouts) (*Running, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		s.Close()
		return nil, err
	}
	ak, sk := s.Credentials()
	r := &Running{
		URL:       "http://" + ln.Addr().String(),
		AccessKey: ak,
		SecretKey: sk,
		Server:    s,
		http: &http.Server{
			Handler:           s,
			ReadHeaderTimeout: to.readHeader,
			ReadTimeout:       to.read,
			IdleTimeout:       to.idle,
		},
		done:  make(chan struct{}),
		fresh: map[net.Conn]bool{},
	}
	r.http.ConnState = r.track
	served := make(chan struct{})
	go func() {
		defer close(served)
		r.http.Serve(ln)
	}()
	go func() {
		select {
		case <-ctx.Done():
			r.Close()
		case <-r.done:
		}
		<-served
	}()
	return r, nil
}

// Close stops serving (letting calls in flight finish for up to five
// seconds) and writes the state file. It is safe to call more than once.
func (r *Running) Close() error {
	r.closeOnce.Do(func() {
		close(r.done)
		r.mu.Lock()
		for c := range r.fresh {
			c.Close()
		}
		r.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := r.http.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = r.http.Close()
		}
		r.closeErr = errors.Join(err, r.Server.Close())
	})
	return r.closeErr
}
