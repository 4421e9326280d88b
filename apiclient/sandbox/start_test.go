package sandbox

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestStartSetsTimeouts: `cocvm --sandbox` (Start) and `cocvm sandbox
// serve` (StartAddr) run the same server, with the same timeouts.
func TestStartSetsTimeouts(t *testing.T) {
	ctx := context.Background()
	inProcess, err := Start(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer inProcess.Close()
	served, err := StartAddr(ctx, "127.0.0.1:0", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer served.Close()
	for name, r := range map[string]*Running{"Start": inProcess, "StartAddr": served} {
		h := r.http
		if h.ReadHeaderTimeout != ReadHeaderTimeout || h.ReadTimeout != ReadTimeout || h.IdleTimeout != IdleTimeout {
			t.Errorf("%s: read header %v, read %v, idle %v", name, h.ReadHeaderTimeout, h.ReadTimeout, h.IdleTimeout)
		}
	}
	if ReadTimeout <= ReadHeaderTimeout || IdleTimeout <= 0 {
		t.Errorf("read timeout %v should leave time for a body after the header timeout %v", ReadTimeout, ReadHeaderTimeout)
	}
}

// shortTimeouts make the server's patience measurable in a test.
var shortTimeouts = serverTimeouts{readHeader: 200 * time.Millisecond, read: 300 * time.Millisecond, idle: 300 * time.Millisecond}

func startShort(t *testing.T) *Running {
	t.Helper()
	run, err := startAddr(context.Background(), "127.0.0.1:0", Options{}, shortTimeouts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run
}

// waitClosed reads conn until the server closes it and returns how long
// that took; it fails the test if the connection is still open after limit.
func waitClosed(t *testing.T, conn net.Conn, r io.Reader, limit time.Duration) (time.Duration, string) {
	t.Helper()
	start := time.Now()
	conn.SetReadDeadline(start.Add(limit))
	data, err := io.ReadAll(r)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the connection is still open after %v (read %q)", limit, data)
	}
	return time.Since(start), string(data)
}

// TestSlowBodyIsCutOff: a connection that sends its headers and then
// trickles the body is closed once the read timeout passes, instead of
// holding the server for ever.
func TestSlowBodyIsCutOff(t *testing.T) {
	run := startShort(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(run.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sent := time.Now()
	_, err = io.WriteString(conn, "POST /v1/regions/"+testRegion+"/instances HTTP/1.1\r\n"+
		"Host: sandbox\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	if err != nil {
		t.Fatal(err)
	}
	// One byte every 50 ms: the 1000-byte body would take 50 s.
	stop := make(chan struct{})
	trickled := make(chan struct{})
	go func() {
		defer close(trickled)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := io.WriteString(conn, " "); err != nil {
					return
				}
			}
		}
	}()
	defer func() { close(stop); <-trickled }()

	_, answer := waitClosed(t, conn, conn, 5*time.Second)
	took := time.Since(sent)
	t.Logf("closed %v after the headers (read timeout %v); answer %q", took.Round(time.Millisecond), shortTimeouts.read, firstLine(answer))
	if took < shortTimeouts.read-50*time.Millisecond {
		t.Errorf("closed after %v, before the read timeout %v", took, shortTimeouts.read)
	}
	if took > shortTimeouts.read+2*time.Second {
		t.Errorf("closed only after %v (read timeout %v)", took, shortTimeouts.read)
	}
	// If the server says anything, it is the envelope's 400, never a call
	// carried out on half a body.
	if answer != "" && !strings.HasPrefix(answer, "HTTP/1.1 400") {
		t.Errorf("answer %q", firstLine(answer))
	}
}

// TestIdleConnectionIsClosed: a kept-alive connection with no next request
// is closed after the idle timeout.
func TestIdleConnectionIsClosed(t *testing.T) {
	run := startShort(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(run.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /v1/regions/"+testRegion+"/keypairs HTTP/1.1\r\nHost: sandbox\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || resp.Close {
		t.Fatalf("unsigned request: %d, close %v", resp.StatusCode, resp.Close)
	}
	idle, rest := waitClosed(t, conn, br, 5*time.Second)
	t.Logf("idle connection closed after %v (idle timeout %v)", idle.Round(time.Millisecond), shortTimeouts.idle)
	if rest != "" || idle > shortTimeouts.idle+2*time.Second {
		t.Errorf("closed after %v, read %q", idle, rest)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\r\n")
	return line
}

// A connection opened and never used does not hold Close up (net/http
// would wait five seconds for it).
func TestCloseDoesNotWaitForAnUnusedConnection(t *testing.T) {
	run, err := Start(context.Background(), Options{AccessKey: "AK", SecretKey: "SK"})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", strings.TrimPrefix(run.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	done := make(chan error, 1)
	go func() { done <- run.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(4 * time.Second):
		t.Fatal("Close waited for a connection that never sent a request")
	}
}
