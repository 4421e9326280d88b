package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/locale"
)

// lossyAPI is a sandbox whose answers to creates can be lost: the request
// is carried out, then the connection is closed, as a network would.
type lossyAPI struct {
	sb      *sandbox.Server
	srv     *httptest.Server
	drop    atomic.Bool
	garble  atomic.Bool // answer creates 200 with a result that cannot be read
	creates atomic.Int32
	// held, when set, gets each create once it was carried out; its
	// answer waits until the client gives up.
	held chan struct{}
}

func newLossyAPI(t *testing.T) *lossyAPI {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{BootMax: sandbox.InstantBoot, BootFailRate: 0})
	if err != nil {
		t.Fatal(err)
	}
	l := &lossyAPI{sb: sb}
	l.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isCreate := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/instances")
		if isCreate {
			l.creates.Add(1)
		}
		if isCreate && l.garble.Load() {
			sb.ServeHTTP(httptest.NewRecorder(), r)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"requestId":"req-garbled","result":{"instanceIds":"i-notalist"}}`))
			return
		}
		if !isCreate || !l.drop.Load() {
			sb.ServeHTTP(w, r)
			return
		}
		sb.ServeHTTP(httptest.NewRecorder(), r)
		if l.held != nil {
			l.held <- struct{}{}
			<-r.Context().Done()
			return
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(func() { l.srv.Close(); sb.Close() })
	return l
}

// run runs cocvm against the lossy API with the sandbox's keys.
func (l *lossyAPI) run(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	ak, sk := l.sb.Credentials()
	env := map[string]string{"JDCLOUD_ACCESS_KEY": ak, "JDCLOUD_SECRET_KEY": sk}
	return execCocvm(t, cliOpts{stdin: stdin, env: env}, append([]string{"--endpoint", l.srv.URL}, args...)...)
}

// instances are every instance the sandbox holds in the region.
func (l *lossyAPI) instances(t *testing.T) []string {
	t.Helper()
	ak, sk := l.sb.Credentials()
	return sandboxInstances(t, l.srv.URL, ak, sk)
}

// Every answer to a create is lost: cocvm says the outcome is unknown,
// prints the clientToken and the command that resumes it (JSON too), and
// the journal holds the request written ahead. Resuming with the same
// password returns the instances the lost request created, and creates
// none twice; a wrong password is refused in plain words.
func TestLostCreateIsResumedWithoutDuplicates(t *testing.T) {
	isolateDirs(t)
	l := newLossyAPI(t)
	l.drop.Store(true)
	args := append([]string{"create", "--yes", "--no-wait", "-o", "json", "--password-stdin", "--count", "3"}, validFlags...)
	r := l.run(t, testPassword+"\n", args...)
	if r.code != ExitFailed {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.err)
	}
	var unknown struct {
		ClientToken string   `json:"clientToken"`
		Outcome     string   `json:"outcome"`
		Resume      string   `json:"resume"`
		InstanceIDs []string `json:"instanceIds"`
		Error       struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(r.out), &unknown); err != nil {
		t.Fatalf("stdout is not one JSON object (%v):\n%s", err, r.out)
	}
	tok := unknown.ClientToken
	if tok == "" || unknown.Outcome != "unknown" || unknown.Resume != "cocvm create --resume "+tok || unknown.Error.Message == "" {
		t.Fatalf("unknown-outcome object: %+v", unknown)
	}
	for _, want := range []string{"outcome of the request is unknown", "clientToken: " + tok, "To resume:  cocvm create --resume " + tok} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	created := l.instances(t)
	if len(created) != 3 {
		t.Fatalf("the lost request created %d instances, want 3", len(created))
	}

	// The journal has it, without the password.
	data, err := os.ReadFile(presets.JournalPath())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(testPassword)) {
		t.Fatal("the journal holds the password")
	}
	open, err := presets.UnresolvedRun(presets.JournalPath(), "")
	if err != nil || len(open) != 1 || open[0].Intent.ClientToken != tok || open[0].Outcome == nil {
		t.Fatalf("the journal's open request: %+v, %v", open, err)
	}

	// Without the password there is nothing to send.
	l.drop.Store(false)
	if r := l.run(t, "", "create", "--resume", "--yes"); r.code != ExitUsage || !strings.Contains(r.err, "--password-stdin") {
		t.Errorf("resume without the password: exit %d\n%s", r.code, r.err)
	}
	// Flags that would change the request do not go with --resume.
	if r := l.run(t, testPassword+"\n", "create", "--resume", "--yes", "--password-stdin", "--count", "5"); r.code != ExitUsage || !strings.Contains(r.err, "--count") {
		t.Errorf("resume with --count: exit %d\n%s", r.code, r.err)
	}

	// A different password: the token was used with another body.
	r = l.run(t, "Other.Lake42\n", "create", "--resume", tok, "--yes", "--password-stdin", "--no-wait")
	if r.code != ExitFailed || !strings.Contains(r.err, "already used with a different body") || !strings.Contains(r.err, "not the one first sent") {
		t.Errorf("resume with another password: exit %d\n%s", r.code, r.err)
	}
	if got := l.instances(t); len(got) != 3 {
		t.Fatalf("a refused resume changed the instances: %v", got)
	}

	// The same password: the instances of the lost request, none more.
	before := l.creates.Load()
	r = l.run(t, testPassword+"\n", "create", "--resume", "--yes", "--password-stdin", "-o", "json")
	if r.code != ExitOK {
		t.Fatalf("resume: exit %d\n%s", r.code, r.err)
	}
	if l.creates.Load() != before+1 {
		t.Errorf("resume sent %d creates, want 1", l.creates.Load()-before)
	}
	var res createResult
	if err := json.Unmarshal([]byte(r.out), &res); err != nil {
		t.Fatalf("resume's stdout (%v):\n%s", err, r.out)
	}
	if res.ClientToken != tok || len(res.InstanceIDs) != 3 || len(res.Instances) != 3 {
		t.Fatalf("resume result %+v", res)
	}
	for _, id := range res.InstanceIDs {
		if !strings.Contains(strings.Join(created, " "), id) {
			t.Errorf("resume returned %s, which the lost request did not create (%v)", id, created)
		}
	}
	if got := l.instances(t); len(got) != 3 {
		t.Errorf("after resuming the sandbox holds %d instances, want 3", len(got))
	}
	// Nothing is left to resume, and the journal's newest create is the
	// resumed one, for watch --last.
	if r := l.run(t, testPassword+"\n", "create", "--resume", "--yes", "--password-stdin"); r.code != ExitFailed || !strings.Contains(r.err, "no create is waiting to be resumed") {
		t.Errorf("second resume: exit %d\n%s", r.code, r.err)
	}
	if e, _, err := presets.Last(presets.JournalPath()); err != nil || e.ClientToken != tok || len(e.InstanceIDs) != 3 {
		t.Errorf("journal's newest request %+v, %v", e, err)
	}
}

// A journal that cannot be written stops the create before anything is
// sent: a lost answer could not be recovered without it.
func TestCreateSendsNothingWithoutTheJournal(t *testing.T) {
	isolateDirs(t)
	l := newLossyAPI(t)
	// The journal's directory is a file.
	if err := os.MkdirAll(presets.StateDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(presets.JournalPath(), nil, 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// root writes read-only files: make the path a directory instead.
		os.Remove(presets.JournalPath())
		if err := os.MkdirAll(presets.JournalPath(), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	args := append([]string{"create", "--yes", "--no-wait", "--password-stdin"}, validFlags...)
	r := l.run(t, testPassword+"\n", args...)
	if r.code != ExitFailed || !strings.Contains(r.err, "nothing was sent") || l.creates.Load() != 0 {
		t.Fatalf("exit %d, %d creates\n%s", r.code, l.creates.Load(), r.err)
	}
}

// Ctrl-C while the create is on its way: exit 130, the clientToken and the
// resume command on stderr, the unknown-outcome object on stdout; the
// wizard's next start mentions it in one line.
func TestInterruptedCreateSaysHowToResume(t *testing.T) {
	isolateDirs(t)
	l := newLossyAPI(t)
	l.drop.Store(true)
	l.held = make(chan struct{}, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-l.held
		cancel() // as SIGINT does
	}()
	ak, sk := l.sb.Credentials()
	args := append([]string{"--endpoint", l.srv.URL, "create", "--yes", "-o", "json", "--password-stdin"}, validFlags...)
	r := execCocvm(t, cliOpts{stdin: testPassword + "\n", ctx: ctx,
		env: map[string]string{"JDCLOUD_ACCESS_KEY": ak, "JDCLOUD_SECRET_KEY": sk}}, args...)
	if r.code != ExitInterrupted {
		t.Fatalf("exit %d, want 130\n%s", r.code, r.err)
	}
	var unknown failedResult
	if err := json.Unmarshal([]byte(r.out), &unknown); err != nil || unknown.Outcome != "unknown" || unknown.ClientToken == "" {
		t.Fatalf("stdout %q (%v)", r.out, err)
	}
	if !strings.Contains(r.err, "cocvm create --resume "+unknown.ClientToken) {
		t.Errorf("stderr lacks the resume command:\n%s", r.err)
	}
	notice := unresolvedNotice(locale.Printer(locale.English), presets.JournalPath())
	if !strings.Contains(notice, "Unknown outcome: 1 × g.n2.large") || !strings.HasSuffix(notice, "to resume: cocvm create --resume") {
		t.Errorf("the wizard's notice: %q", notice)
	}
}

// A 200 whose result cannot be read: "accepted; the ids could not be
// read", with the token and how to get the ids, never the decoder's words
// and never twice; resuming returns the ids.
func TestAcceptedButUnreadableCreate(t *testing.T) {
	isolateDirs(t)
	l := newLossyAPI(t)
	l.garble.Store(true)
	args := append([]string{"create", "--yes", "--no-wait", "--password-stdin", "--count", "2"}, validFlags...)
	r := l.run(t, testPassword+"\n", args...)
	if r.code != ExitFailed {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.err)
	}
	if n := strings.Count(r.err, "could not be read"); n != 1 {
		t.Errorf("'could not be read' said %d times, want once:\n%s", n, r.err)
	}
	for _, bad := range []string{"json:", "unmarshal", "Go struct"} {
		if strings.Contains(r.err, bad) {
			t.Errorf("the decoder's words reached the person (%q):\n%s", bad, r.err)
		}
	}
	for _, want := range []string{"The request was accepted", "req-garbled", "To resume:  cocvm create --resume cocvm-"} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
	l.garble.Store(false)
	r = l.run(t, testPassword+"\n", "create", "--resume", "--yes", "--password-stdin", "--no-wait", "-o", "json")
	var res createResult
	if err := json.Unmarshal([]byte(r.out), &res); err != nil || r.code != ExitOK || len(res.InstanceIDs) != 2 {
		t.Fatalf("resume: exit %d, %+v (%v)\n%s", r.code, res, err, r.err)
	}
	if got := l.instances(t); len(got) != 2 {
		t.Errorf("the sandbox holds %d instances, want 2", len(got))
	}
}
