// Package setup is the guided first-time setup: try the built-in sandbox,
// enter an access key and secret (checked with one signed call), or import
// the JD Cloud CLI's profile; then a default region and zone, saved as a
// profile in cocvm's config.toml and made the current one.
//
// The flow asks through an Asker: the terminal one (asker.go) uses huh
// through ui/prompt, full-screen or as accessible line prompts; tests
// script the answers. It knows nothing of the command line: ui/cmd_setup.go
// decides when setup runs (cocvm setup, or the first run without
// credentials) and what its errors exit with.
package setup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// ErrAborted is returned when the person leaves the setup with Ctrl-C:
// nothing was saved. The command line exits 130.
var ErrAborted = apiclient.Errorf("setup cancelled: nothing was saved")

// ErrInputEnded is returned when the answers stop coming (end of input)
// before setup is done: nothing was saved.
var ErrInputEnded = apiclient.Errorf("the input ended before setup was done: nothing was saved")

// keyCheckTimeout bounds the one signed call that checks new keys.
const keyCheckTimeout = 15 * time.Second

// setupMethod is where a profile's credentials come from.
type setupMethod int

const (
	methodSandbox setupMethod = iota
	methodKeys
	methodJDC
)

// afterCheck is what the person wants once keys could not be confirmed.
type afterCheck int

const (
	checkReenter afterCheck = iota
	checkSaveAnyway
	checkCancel
)

// setupAsker asks setup's questions. The terminal one uses huh forms; tests
// script the answers, so the flow runs without a terminal. Every method
// returns ErrAborted when the person cancels.
type setupAsker interface {
	// language asks which language cocvm speaks, def preselected.
	language(ctx context.Context, def locale.Lang) (locale.Lang, error)
	// speak asks the questions after this one in p's language.
	speak(p *message.Printer)
	// method asks how to connect, def preselected; jdc is the JD Cloud CLI
	// profile on offer, nil when there is none.
	method(ctx context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error)
	// keys asks for an access key (ak prefills it) and a secret key, hidden
	// as typed. keepFor is the access key whose saved secret an empty answer
	// keeps ("" when there is none); the secret is then returned empty.
	// secretOnly asks for the secret key of ak alone: after a signature
	// mismatch only the secret is wrong, and a form that opened on the access
	// key would catch a secret typed straight away in plain sight.
	keys(ctx context.Context, ak, keepFor string, secretOnly bool) (apiclient.Credentials, error)
	// region asks for the default region, def preselected.
	region(ctx context.Context, def string) (string, error)
	// zone asks for the default zone of r, def preselected.
	zone(ctx context.Context, r apiclient.Region, def string) (string, error)
	// afterFailedCheck asks what to do with keys that could not be
	// confirmed; secretWrong says the gateway blamed the secret key.
	afterFailedCheck(ctx context.Context, secretWrong bool) (afterCheck, error)
}

// setupFlow is the setup's logic: what to ask, in which order, checking the
// keys and saving the profile.
type setupFlow struct {
	cfg      Config
	ask      setupAsker
	out      io.Writer
	st       theme.Styles
	path     string // config.toml
	name     string // the profile written
	home     string // where ~/.jdc lives
	firstRun bool
	width    int         // terminal width to wrap text to; 0 when not a terminal
	lang     locale.Lang // the language chosen, saved with the profile
}

// Config is what the setup needs of the command line.
type Config struct {
	IO *iostreams.IOStreams
	// Getenv reads the environment (HOME, COCVM_REGION, COCVM_ENDPOINT,
	// JDCLOUD_ACCESS_KEY, ...); tests replace it.
	Getenv     func(string) string
	Accessible bool   // line prompts instead of full-screen forms
	Profile    string // --profile: the profile written ("default" when empty)
	Endpoint   string // --endpoint
	Insecure   bool   // --insecure
	Debug      bool   // --debug: the key check's HTTP exchange on stderr
	UserAgent  string
	// FirstRun adds the welcome that explains why setup appeared (no
	// credentials were found).
	FirstRun bool
	// Printer is the language the setup starts in (ui/locale); nil is
	// English. Setup asks for the language first and goes on in the one
	// chosen.
	Printer *message.Printer
	// Warn says warnings (a config file others can read); nil writes each
	// to IO.ErrOut. The command line passes its own, which says each
	// warning once a run.
	Warn func([]apiclient.Text)
}

// Run is the guided setup: it asks on cfg.IO (which must be a terminal, or
// cfg.Accessible), saves the profile and makes it the current one. Ctrl-C
// returns ErrAborted, and nothing is saved.
func Run(ctx context.Context, cfg Config) (presets.Profile, error) {
	ask := newFormAsker(cfg.IO, cfg.Accessible, cfg.Printer)
	defer ask.Restore()
	return newSetupFlow(cfg, ask).run(ctx)
}

func newSetupFlow(cfg Config, ask setupAsker) *setupFlow {
	home := cfg.Getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return &setupFlow{
		cfg:      cfg,
		ask:      ask,
		out:      cfg.IO.Out,
		st:       theme.NewStyles(cfg.IO.Renderer()).WithPrinter(cfg.Printer),
		path:     presets.ConfigPath(),
		name:     theme.FirstNonEmpty(cfg.Profile, presets.DefaultProfile),
		home:     home,
		firstRun: cfg.FirstRun,
		width:    cfg.IO.TerminalWidth(),
		lang:     locale.LangOf(cfg.Printer),
	}
}

// Printf says one line (or more, wrapped to the terminal) in the setup's
// language: format is translated through the catalogue.
func (f *setupFlow) Printf(format string, args ...any) {
	fmt.Fprintln(f.out, theme.Wrap(f.st.P.Sprintf(format, args...), f.width))
}

// blank is an empty line.
func (f *setupFlow) blank() { fmt.Fprintln(f.out) }

// chooseLanguage asks for the language and speaks it from then on: the
// styles' printer and the asker's.
func (f *setupFlow) chooseLanguage(ctx context.Context) error {
	l, err := f.ask.language(ctx, f.lang)
	if err != nil {
		return err
	}
	f.lang = l
	f.st = f.st.WithPrinter(locale.Printer(l))
	f.ask.speak(f.st.P)
	return nil
}

func (f *setupFlow) run(ctx context.Context) (presets.Profile, error) {
	// A corrupt config stops setup before any question: saving would
	// replace what the person has to fix by hand.
	cfg, warnings, err := presets.LoadConfig(f.path)
	if f.cfg.Warn != nil {
		f.cfg.Warn(warnings)
	} else {
		for _, w := range warnings {
			fmt.Fprintln(f.cfg.IO.ErrOut, locale.Warning(f.st.P, w))
		}
	}
	if err != nil {
		return presets.Profile{}, apiclient.Errorf("%v\nSetup saves nothing until the file is fixed (or moved aside)", err)
	}
	// old is the zero Profile when there is none to replace.
	old, hadOld := cfg.Profiles[f.name]

	jdc, jdcProblem := f.jdcProfile()
	if err := f.chooseLanguage(ctx); err != nil {
		return presets.Profile{}, err
	}
	f.welcome(hadOld, jdcProblem)

	def := methodSandbox
	if hadOld && old.AccessKey != "" && !old.Sandbox {
		// Re-running setup to change a region must not turn saved keys
		// into a sandbox profile on a careless Enter.
		def = methodKeys
	}
	method, err := f.ask.method(ctx, def, jdc)
	if err != nil {
		return presets.Profile{}, err
	}

	p := presets.Profile{Name: f.name}
	var regionHint string
	switch method {
	case methodSandbox:
		p.Sandbox = true
		f.Printf("%s Sandbox: a built-in copy of the COC-VM API; nothing real is created or charged.", f.st.Accent.Render("›"))
	case methodKeys:
		cred, err := f.askKeys(ctx, old.AccessKey, old, false)
		if err != nil {
			return presets.Profile{}, err
		}
		p.AccessKey, p.SecretKey = cred.AccessKey, cred.SecretKey
		p.Endpoint = theme.FirstNonEmpty(f.cfg.Endpoint, old.Endpoint)
		f.Printf("%s Access key %s (the secret key is not shown).", f.st.Accent.Render("›"), p.AccessKey)
	case methodJDC:
		if jdc == nil {
			return presets.Profile{}, apiclient.Errorf("no JD Cloud CLI profile to import")
		}
		p.AccessKey, p.SecretKey = jdc.Credentials.AccessKey, jdc.Credentials.SecretKey
		p.Endpoint = theme.FirstNonEmpty(f.cfg.Endpoint, jdcEndpoint(*jdc))
		regionHint = jdc.RegionID
		f.Printf("%s Importing profile %q from %s: access key %s.", f.st.Accent.Render("›"), jdc.Name, jdc.Path, p.AccessKey)
	}

	if p.Region, p.Zone, err = f.place(ctx, old, regionHint); err != nil {
		return presets.Profile{}, err
	}

	if !p.Sandbox {
		if err := f.confirmKeys(ctx, &p, old); err != nil {
			return presets.Profile{}, err
		}
	}

	if err := saveSetupProfile(f.path, p, f.lang); err != nil {
		return presets.Profile{}, err
	}
	f.saved(p)
	return p, nil
}

// shortPath writes a path under the home directory as ~/..., as the
// person knows it.
func (f *setupFlow) shortPath(path string) string {
	if f.home == "" || f.home == "/" {
		return path
	}
	if rel, ok := strings.CutPrefix(path, strings.TrimRight(f.home, "/")+"/"); ok {
		return "~/" + rel
	}
	return path
}

// welcome says why setup is here (first run) and what it will write.
func (f *setupFlow) welcome(hadOld bool, jdcProblem error) {
	title := f.st.Title.Render
	if f.firstRun {
		f.Printf("%s", title(f.st.P.Sprintf("Welcome to cocvm")))
		f.Printf("No JD Cloud credentials were found (flags, JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY, %s, ~/.jdc/config).", f.shortPath(f.path))
	} else {
		f.Printf("%s", title(f.st.P.Sprintf("cocvm setup")))
		if hadOld {
			f.Printf("This replaces profile %q in %s.", f.name, f.shortPath(f.path))
		} else {
			f.Printf("This saves profile %q in %s.", f.name, f.shortPath(f.path))
		}
	}
	if jdcProblem != nil {
		f.Printf("%s", f.st.Subtle.Render(f.st.P.Sprintf("(The JD Cloud CLI config cannot be imported: %s.)", locale.Say(f.st.P, jdcProblem))))
	}
	f.blank()
}

// jdcProfile is the JD Cloud CLI's current profile when ~/.jdc/config has a
// usable one. A config that exists but cannot be used is reported, not
// offered.
func (f *setupFlow) jdcProfile() (*apiclient.JDCProfile, error) {
	if f.home == "" {
		return nil, nil
	}
	jp, err := apiclient.LoadJDCProfile(f.home, "")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &jp, nil
}

// jdcEndpoint is the JD Cloud CLI profile's endpoint when it is not the
// CLI's default gateway, which does not serve COC-VM's own hosts.
func jdcEndpoint(jp apiclient.JDCProfile) string {
	u := jp.EndpointURL()
	if u == "" || strings.Contains(u, "www.jdcloud-api.com") {
		return ""
	}
	return u
}

// place asks for the default region and zone.
func (f *setupFlow) place(ctx context.Context, old presets.Profile, hint string) (string, string, error) {
	regions := apiclient.Regions()
	def := regions[0].ID
	for _, cand := range []string{old.Region, hint, f.cfg.Getenv("COCVM_REGION")} {
		if _, ok := apiclient.LookupRegion(cand); ok {
			def = cand
			break
		}
	}
	id, err := f.ask.region(ctx, def)
	if err != nil {
		return "", "", err
	}
	r, ok := apiclient.LookupRegion(id)
	if !ok {
		return "", "", apiclient.Errorf("unknown region %q", id)
	}
	if f.lang == locale.Chinese {
		f.Printf("%s Region %s (%s).", f.st.Accent.Render("›"), r.ID, r.Name)
	} else {
		f.Printf("%s Region %s (%s, %s).", f.st.Accent.Render("›"), r.ID, r.Name, r.EnglishName)
	}
	zdef := r.Zones[0]
	if old.Region == r.ID && old.Zone != "" {
		zdef = old.Zone
	}
	zone, err := f.ask.zone(ctx, r, zdef)
	if err != nil {
		return "", "", err
	}
	f.Printf("%s Zone %s.", f.st.Accent.Render("›"), zone)
	return r.ID, zone, nil
}

// confirmKeys checks p's keys with one signed call and, while they fail,
// lets the person enter them again, save them anyway or stop.
func (f *setupFlow) confirmKeys(ctx context.Context, p *presets.Profile, old presets.Profile) error {
	for {
		// The order Env.resolve uses: flag, environment, profile.
		endpoint := theme.FirstNonEmpty(f.cfg.Endpoint, f.cfg.Getenv("COCVM_ENDPOINT"), p.Endpoint)
		if endpoint == "" {
			f.Printf("Checking the keys with one signed request to JD Cloud (region %s)…", p.Region)
		} else {
			f.Printf("Checking the keys with one signed request to %s (region %s)…", endpoint, p.Region)
		}
		q, err := checkKeys(ctx, f.keyCheckConfig(p, endpoint), p.Region)
		if ctx.Err() != nil {
			return ErrAborted
		}
		if err == nil {
			f.Printf("%s The keys work: %s", f.st.Good.Render("✓"), quotaNote(f.st.P, q, p.Region))
			return nil
		}
		fmt.Fprintln(f.out, theme.Wrap(keyCheckFailure(f.st, err), f.width))
		secretWrong := signatureMismatch(err)
		choice, aerr := f.ask.afterFailedCheck(ctx, secretWrong)
		if aerr != nil {
			return aerr
		}
		switch choice {
		case checkSaveAnyway:
			f.Printf("%s Saving the keys unchecked; run `cocvm setup` again to change them.", f.st.Warn.Render("!"))
			return nil
		case checkCancel:
			return ErrAborted
		}
		cred, kerr := f.askKeys(ctx, p.AccessKey, old, secretWrong)
		if kerr != nil {
			return kerr
		}
		p.AccessKey, p.SecretKey = cred.AccessKey, cred.SecretKey
	}
}

// askKeys asks for keys, ak prefilled. An empty secret keeps the one saved
// in old, when the access key is old's.
func (f *setupFlow) askKeys(ctx context.Context, ak string, old presets.Profile, secretOnly bool) (apiclient.Credentials, error) {
	keepFor := ""
	if old.SecretKey != "" && !secretOnly {
		keepFor = old.AccessKey
	}
	cred, err := f.ask.keys(ctx, ak, keepFor, secretOnly)
	if err != nil {
		return apiclient.Credentials{}, err
	}
	if secretOnly {
		cred.AccessKey = ak
	}
	if cred.SecretKey == "" && keepFor != "" && cred.AccessKey == keepFor {
		cred.SecretKey = old.SecretKey
	}
	if !cred.Complete() {
		return apiclient.Credentials{}, apiclient.Errorf("both an access key and a secret key are needed")
	}
	return cred, nil
}

func (f *setupFlow) keyCheckConfig(p *presets.Profile, endpoint string) apiclient.Config {
	cfg := apiclient.Config{
		AccessKey: p.AccessKey,
		SecretKey: p.SecretKey,
		Endpoint:  endpoint,
		Insecure:  f.cfg.Insecure,
		Timeout:   keyCheckTimeout,
		UserAgent: f.cfg.UserAgent,
		Retry:     apiclient.RetryPolicy{MaxAttempts: 1},
	}
	if f.cfg.Debug {
		cfg.Debug = f.cfg.IO.ErrOut
	}
	return cfg
}

// checkKeys makes one cheap signed call (the instance quota of region) with
// cfg and returns its answer or the error.
func checkKeys(ctx context.Context, cfg apiclient.Config, region string) (*apiclient.QuotaUsage, error) {
	c, err := apiclient.New(cfg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, keyCheckTimeout)
	defer cancel()
	return c.DescribeQuota(ctx, region)
}

func quotaNote(p *message.Printer, q *apiclient.QuotaUsage, region string) string {
	if q == nil {
		return p.Sprintf("the API accepted a signed request.")
	}
	return p.Sprintf("the API answered a signed request (instance quota in %s: %d of %d used).", region, q.Used, q.Limit)
}

// signatureMismatch reports whether the gateway knew the access key but the
// signature made with the secret key did not match.
func signatureMismatch(err error) bool {
	var ae *apiclient.APIError
	return errors.As(err, &ae) && ae.HTTPStatus == 401 && strings.Contains(ae.Message, apiclient.MsgSignMismatch)
}

// keyCheckFailure says plainly what the failed check means. A 401 is the
// keys; anything else means they could not be confirmed either way.
func keyCheckFailure(st theme.Styles, err error) string {
	x := advice.Explain(err)
	var ae *apiclient.APIError
	head := st.P.Sprintf("The keys could not be checked.")
	switch {
	case errors.As(err, &ae) && ae.HTTPStatus == 401:
		head = st.P.Sprintf("The keys do not work.")
	case errors.As(err, &ae) && ae.HTTPStatus == 403:
		head = st.P.Sprintf("The keys were accepted, but the account may not use COC-VM.")
	}
	summary, chinese, next := locale.Explained(st.P, x)
	var b strings.Builder
	b.WriteString(st.P.Sprintf("%s %s %s", st.Bad.Render("✗"), head, summary))
	if chinese != "" {
		b.WriteString("\n  " + chinese)
	}
	if next != "" {
		b.WriteString("\n  " + next)
	}
	if x.Detail != "" && x.Detail != x.Summary.String() {
		b.WriteString("\n  " + st.Subtle.Render(st.P.Sprintf("(%s)", x.Detail)))
	}
	return b.String()
}

// saveSetupProfile adds p to the config at path and makes it current. The
// file is read again just before writing so that a change made meanwhile is
// kept; a file that has become unreadable is not overwritten.
func saveSetupProfile(path string, p presets.Profile, lang locale.Lang) error {
	cfg, _, err := presets.LoadConfig(path)
	if err != nil {
		return apiclient.Errorf("%v\nNothing was saved", err)
	}
	cfg.SetProfile(p)
	cfg.Current = p.Name
	cfg.Language = string(lang)
	return presets.SaveConfig(path, cfg)
}

// saved says what was written and what to run next.
func (f *setupFlow) saved(p presets.Profile) {
	f.blank()
	what := f.st.P.Sprintf("JD Cloud keys")
	if p.Sandbox {
		what = f.st.P.Sprintf("the sandbox")
	}
	f.Printf("%s Saved profile %q (%s, region %s, zone %s) to %s, readable only by you.",
		f.st.Good.Render("✓"), p.Name, what, p.Region, p.Zone, f.shortPath(f.path))
	f.Printf("  It is now the current profile.")
	if !p.Sandbox && f.cfg.Getenv(apiclient.EnvAccessKey) != "" && f.cfg.Getenv(apiclient.EnvSecretKey) != "" {
		f.Printf("%s JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY are set in this shell and win over the profile;\n  unset them, or pass --profile %s.",
			f.st.Warn.Render("!"), p.Name)
	}
	if f.firstRun {
		return
	}
	next := "cocvm"
	if p.Name != presets.DefaultProfile && f.cfg.Profile != "" {
		next = "cocvm --profile " + p.Name
	}
	if p.Sandbox {
		f.Printf("Next: run `%s` to create instances in the sandbox (nothing real is created or charged).", next)
	} else {
		f.Printf("Next: run `%s` to create instances, or `cocvm create --help` to script it.", next)
	}
}
