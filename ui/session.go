package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
)

// Session is a connected API client and where its settings came from.
type Session struct {
	Client   *apiclient.Client
	Region   string // default region: profile, ~/.jdc/config or the first COC region
	Zone     string // default zone from the profile, if any
	Profile  string
	Sandbox  bool
	Endpoint string // custom endpoint URL, "" for JD Cloud's own hosts or the in-process sandbox
	Source   string // where the credentials came from, for messages
	Journal  string // the journal path
	// Budget is the calls-per-second budget every create of the session
	// and the watch after it share (apiclient.WithPacer, watch.Meta.Budget).
	Budget *watch.Budget
	// Lookups is Client with each catalogue look-up made once for the
	// command (names, defaults and the fleet plan ask for the same lists).
	Lookups *lookups

	closeFn func()
}

// Close stops the in-process sandbox, if there is one.
func (s *Session) Close() {
	if s != nil && s.closeFn != nil {
		s.closeFn()
		s.closeFn = nil
	}
}

// errNoCredentials is what Connect's error is (errors.Is) when no
// credentials are found anywhere: the wizard then offers the first-time
// setup; every other command reports it, with every way to give them.
var errNoCredentials = apiclient.Errorf("no JD Cloud credentials were found")

// noCredentialsError says how to provide credentials and exits 1.
type noCredentialsError struct{}

func (noCredentialsError) Error() string        { return credentialsHelp().String() }
func (noCredentialsError) Is(target error) bool { return target == errNoCredentials }

// Unwrap is the same words as a Text, for locale.Say.
func (noCredentialsError) Unwrap() error { return &apiclient.TextError{Text: credentialsHelp()} }

// credentialsHelp names every way to provide credentials.
func credentialsHelp() apiclient.Text {
	return apiclient.T("No JD Cloud credentials were found. Provide them in one of these ways:\n"+
		"  • environment: JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY\n"+
		"  • flags: --access-key and --secret-key (visible to other users in ps)\n"+
		"  • cocvm's own config: run `cocvm setup` (writes %s)\n"+
		"  • JD Cloud CLI: a profile in ~/.jdc/config (`jdc configure add`)\n"+
		"Or try everything with no account: cocvm --sandbox", presets.ConfigPath())
}

// resolved is what the credential chain found, before connecting.
type resolved struct {
	cred     apiclient.Credentials
	endpoint string
	region   string
	zone     string
	profile  string
	sandbox  bool
	source   apiclient.Text
	timeout  time.Duration
	warnings []apiclient.Text
}

// resolve walks the credential chain: --access-key/--secret-key, the
// environment, cocvm's config, the JD Cloud CLI's ~/.jdc/config. --sandbox,
// or a sandbox profile, wins.
func (env *Env) resolve() (resolved, error) {
	var r resolved
	g := env.Flags
	r.endpoint = theme.FirstNonEmpty(g.Endpoint, env.Getenv("COCVM_ENDPOINT"))
	if g.Sandbox {
		r.sandbox, r.source = true, apiclient.T("--sandbox")
		return r, nil
	}
	if g.AccessKey != "" || g.SecretKey != "" {
		r.cred = apiclient.Credentials{AccessKey: strings.TrimSpace(g.AccessKey), SecretKey: strings.TrimSpace(g.SecretKey)}
		if !r.cred.Complete() {
			return r, usageError("--access-key and --secret-key go together")
		}
		r.source = apiclient.T("--access-key")
		return r, nil
	}
	if ak, sk := env.Getenv(apiclient.EnvAccessKey), env.Getenv(apiclient.EnvSecretKey); ak != "" && sk != "" && g.Profile == "" {
		r.cred = apiclient.Credentials{AccessKey: strings.TrimSpace(ak), SecretKey: strings.TrimSpace(sk)}
		r.source = apiclient.T("environment (JDCLOUD_ACCESS_KEY)")
		return r, nil
	}
	cfg, warnings, err := env.loadConfig()
	r.warnings = append(r.warnings, warnings...)
	if err != nil {
		return r, err
	}
	if p, ok := cfg.Profile(g.Profile); ok {
		r.profile, r.region, r.zone = p.Name, p.Region, p.Zone
		if p.Sandbox {
			r.sandbox, r.source = true, apiclient.T("profile %s (sandbox)", p.Name)
			return r, nil
		}
		r.cred = apiclient.Credentials{AccessKey: p.AccessKey, SecretKey: p.SecretKey}
		r.endpoint = theme.FirstNonEmpty(r.endpoint, p.Endpoint)
		r.source = apiclient.T("profile %s in %s", p.Name, env.configPath())
		if r.cred.Complete() {
			return r, nil
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		jp, err := apiclient.LoadJDCProfile(theme.FirstNonEmpty(env.Getenv("HOME"), home), g.Profile)
		switch {
		case err == nil && jp.Credentials.Complete():
			r.cred = jp.Credentials
			r.profile = jp.Name
			r.region = theme.FirstNonEmpty(r.region, jp.RegionID)
			if u := jp.EndpointURL(); u != "" && !strings.Contains(u, "www.jdcloud-api.com") {
				r.endpoint = theme.FirstNonEmpty(r.endpoint, u)
			}
			r.timeout = jp.Timeout
			r.source = apiclient.T("JD Cloud CLI profile %s (%s)", jp.Name, jp.Path)
			return r, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !(g.Profile == "" && errors.Is(err, apiclient.ErrProfileNotFound)):
			return r, err
		}
	}
	if g.Profile != "" {
		return r, usageError("no profile named %q in %s or ~/.jdc/config", g.Profile, env.configPath())
	}
	return r, &exitError{code: ExitFailed, err: noCredentialsError{}}
}

func (env *Env) configPath() string { return presets.ConfigPath() }

// loadedConfig is one reading of config.toml: what presets.LoadConfig
// returned.
type loadedConfig struct {
	cfg      presets.Config
	warnings []apiclient.Text
	err      error
}

// loadConfig is presets.LoadConfig of the config, read once per run: the
// language, the credentials and the API budget all come from it. The
// setup, which writes it, forgets the reading (forgetConfig).
func (env *Env) loadConfig() (presets.Config, []apiclient.Text, error) {
	if env.config == nil {
		cfg, warnings, err := presets.LoadConfig(env.configPath())
		env.config = &loadedConfig{cfg: cfg, warnings: warnings, err: err}
	}
	return env.config.cfg, env.config.warnings, env.config.err
}

// forgetConfig makes the next loadConfig read the file again.
func (env *Env) forgetConfig() { env.config = nil }

// callsPerSecond is the session's API budget: --calls-per-second, else the
// config's calls_per_second, else watch.DefaultCallsPerSecond.
func (env *Env) callsPerSecond() float64 {
	if env.Flags.CallsPerSecond > 0 {
		return env.Flags.CallsPerSecond
	}
	cfg, _, err := env.loadConfig()
	if err != nil {
		// Only reached when the credentials came from elsewhere (the
		// config's problems are reported when it holds them).
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("warning: %s; using %d calls a second", locale.Say(env.P, err), watch.DefaultCallsPerSecond))
		return watch.DefaultCallsPerSecond
	}
	if cfg.CallsPerSecond > 0 {
		return cfg.CallsPerSecond
	}
	return watch.DefaultCallsPerSecond
}

// Connect finds credentials and builds the client, starting the in-process
// sandbox when that is what was asked for.
func (env *Env) Connect(ctx context.Context) (*Session, error) {
	r, err := env.resolve()
	env.warn(r.warnings)
	if err != nil {
		return nil, err
	}
	return env.connect(ctx, r)
}

func (env *Env) connect(ctx context.Context, r resolved) (*Session, error) {
	s := &Session{
		Region:   theme.FirstNonEmpty(env.Getenv("COCVM_REGION"), r.region, apiclient.Regions()[0].ID),
		Zone:     r.zone,
		Profile:  r.profile,
		Sandbox:  r.sandbox,
		Source:   r.source.String(),
		Journal:  presets.JournalPath(),
		Endpoint: r.endpoint,
		Budget:   watch.NewBudget(env.callsPerSecond(), env.Clock),
	}
	cfg := apiclient.Config{
		AccessKey: r.cred.AccessKey,
		SecretKey: r.cred.SecretKey,
		Endpoint:  r.endpoint,
		Insecure:  env.Flags.Insecure,
		Timeout:   r.timeout,
		UserAgent: "cocvm/" + Version,
		Retry:     env.retry,
	}
	if env.Flags.Debug {
		cfg.Debug = env.IO.ErrOut
	}
	if r.sandbox && r.endpoint == "" {
		opts := sandbox.Options{StateFile: filepath.Join(presets.StateDir(), "sandbox.json"), BootFailRate: -1}
		// COCVM_SANDBOX_BOOT_TIME makes scripts and CI on the built-in
		// sandbox as fast as they like: "0", "1s" or a range "1s-3s".
		if v := env.Getenv("COCVM_SANDBOX_BOOT_TIME"); v != "" {
			lo, hi, err := sandbox.ParseBootTime(v)
			if err != nil {
				return nil, usageError("COCVM_SANDBOX_BOOT_TIME: %v", err)
			}
			opts.BootMin, opts.BootMax = lo, hi
		}
		// COCVM_SANDBOX_BOOT_FAIL_RATE: the fraction of instances that fail
		// to start (default: 5% of a batch of more than one).
		if v := env.Getenv("COCVM_SANDBOX_BOOT_FAIL_RATE"); v != "" {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				return nil, usageError("COCVM_SANDBOX_BOOT_FAIL_RATE: want a fraction from 0 to 1, such as 0 or 0.05; got %q", v)
			}
			opts.BootFailRate = f
		}
		run, err := sandbox.Start(ctx, opts)
		if err != nil {
			return nil, apiclient.Errorf("starting the built-in sandbox: %v", err)
		}
		cfg.Endpoint, cfg.AccessKey, cfg.SecretKey = run.URL, run.AccessKey, run.SecretKey
		// The client's own connections, closed before the sandbox stops: a
		// connection dialled but never used would hold its shutdown for
		// five seconds.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		cfg.HTTPClient = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		s.closeFn = func() {
			tr.CloseIdleConnections()
			_ = run.Close()
		}
	}
	c, err := apiclient.New(cfg)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.Client = c
	s.Lookups = newLookups(c)
	return s, nil
}
