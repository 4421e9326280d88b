package launch

import (
	"strconv"

	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// The review: what was chosen, the exact body that will be sent, the quota
// and the charge; Enter asks for confirmation, y submits. The review keeps
// its own state (the clientToken fixed for the body, the submission on its
// way, what the API answered); what it shows of the wizard comes in a
// reviewInput, and what it asks of the wizard (open a step, a submitted
// request) goes back as messages.

type reviewModel struct {
	env  reviewEnv
	help help.Model

	offset     int
	reveal     bool
	confirming bool
	submitting bool

	// token is the clientToken generated for this body: kept while the body
	// stays the same, so submitting again after an unknown outcome can never
	// create twice.
	token     string
	tokenBody string
	// pinned keeps the token after a submit whose outcome is unknown (a
	// lost connection, a time-out, a 5xx): the request may have been carried
	// out, so any later submit must carry the same token, and the API then
	// either returns the same instances or refuses a changed body.
	pinned bool

	submitErr error
	errPath   string // the field that fixes submitErr; "" when none does
	// errDraft is the draft (draftKey) a definite refusal answered: once
	// the draft changes, the refusal is no longer about it and goes.
	errDraft string
	// fit is how many instances the quota left takes when it takes fewer
	// than the draft asks for: the confirmation offers to create that many.
	fit int
	// errQuota is the quotas read after a refusal for quota, to say how
	// much of the one refused is left.
	errQuota *apiclient.Quotas
	// unknown is the run whose outcome is unknown, for its tokens.
	unknown *Submission
	// lastRun is the newest run that created something: a retry goes to
	// its zones that still have stock.
	lastRun *Submission

	// confirmShown says the confirmation line was drawn (by View): y acts
	// only on a question the person could see.
	confirmShown bool
	// inflight is the submission being sent: cancel stops it, done gets
	// its outcome (also after the program has ended).
	inflight *inflightSubmit

	saving          *saveDialog
	retrying        int
	settledReported bool
	notice          string
}

// reviewEnv is what the review keeps of the wizard for good: where it
// submits, the journal, how presets are saved, and how it looks.
type reviewEnv struct {
	ctx          context.Context
	api          Creator
	budget       *watch.Budget // paces the creates; nil: unpaced
	journal      Recorder
	sandbox      bool
	savePreset   func(name string, d wizard.Draft, overwrite bool) error
	presetExists func(name string) bool
	st           *theme.Styles
	// copy puts text on the clipboard; nil: the terminal's (OSC 52).
	copy func(string)
}

// reviewInput is the wizard as it stands when a key arrives or the review
// is drawn.
type reviewInput struct {
	draft    wizard.Draft
	problems []wizard.Problem
	preset   string // the preset the draft came from, or was saved as
	// What the catalogue knows of the choices (nil when it does not). The
	// quotas are asked afresh each time the review opens.
	quota       *apiclient.Quotas
	quotaFailed bool
	// checking says stock or quota is still being asked: create waits.
	checking     bool
	instanceType *apiclient.InstanceType
	image        *apiclient.Image
	// zones are what decides the split over the draft's zones (stock,
	// subnets): the review's fleet is NewFleet of the draft and these.
	zones   wizard.ZoneFacts
	width   int
	spinner string // the spinner's frame
}

// checkingNotice answers enter while stock and quota are being asked; it
// goes once they are in.
func (r *reviewModel) checkingNotice() string {
	return r.env.st.P.Sprintf("Stock and quota are still being checked; press enter again in a moment.")
}

func newReviewModel(env reviewEnv) *reviewModel {
	return &reviewModel{env: env, help: theme.Help(env.st.Renderer())}
}

// The review's requests of the wizard around it.
type (
	// gotoStepMsg opens a step.
	gotoStepMsg struct{ id stepID }
	// gotoPathMsg opens the step of the field at path, focused.
	gotoPathMsg struct{ path string }
	// presetSavedMsg says the choices were saved as the preset name.
	presetSavedMsg struct{ name string }
)

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// submitResultMsg is the outcome of submitting every request of the draft.
type submitResultMsg struct {
	out   Submission
	retry bool // a retry of failed instances from the status panel
}

func (r *reviewModel) open(d wizard.Draft) {
	r.offset = 0
	r.confirming = false
	r.ensureToken(d)
	r.sync(d, true) // the checking notice is Update's to clear
}

// tokenKey is what the clientToken is for: the body and, spread over
// zones, the split.
func tokenKey(d wizard.Draft) string {
	return string(wizard.Marshal(wizard.Build(d)[0])) + strings.Join(d.Zones(), ",")
}

// draftKey is what a refusal answered: the body, the split and the count.
func draftKey(d wizard.Draft) string { return tokenKey(d) + fmt.Sprint(d.Count) }

// sync drops a definite refusal once the draft it answered has changed:
// it is about a body that will not be sent. An unknown outcome stays (its
// token is kept whatever changes). The notice that stock and quota are
// being checked goes once they are (checking is false).
func (r *reviewModel) sync(d wizard.Draft, checking bool) {
	if r.submitErr != nil && r.unknown == nil && r.errDraft != draftKey(d) {
		r.submitErr, r.errPath, r.errQuota, r.errDraft = nil, "", nil, ""
	}
	if !checking && r.notice == r.checkingNotice() {
		r.notice = ""
	}
}

// retryOffered says Enter sends again a request whose outcome is unknown.
func (r *reviewModel) retryOffered() bool { return r.submitErr != nil && r.unknown != nil }

// quotaFit is how many of d's instances the quotas left take (d.Count when
// all fit or the quotas are unknown): the fewest over the four quotas of
// what is left divided by what one instance takes of it.
func quotaFit(d wizard.Draft, img *apiclient.Image, q *apiclient.Quotas) int {
	n := max(d.Count, 1)
	if q == nil {
		return n
	}
	one := d
	one.Count = 1
	each := wizard.Needs(one, img)
	fit := n
	for _, row := range []struct {
		u    *apiclient.QuotaUsage
		need int
	}{{q.Instances, each.Instances}, {q.Disks, each.Disks}, {q.DiskGiB, each.DiskGiBEach}, {q.ElasticIPs, each.ElasticIPs}} {
		if row.u != nil && row.need > 0 {
			fit = min(fit, row.u.Left()/row.need)
		}
	}
	return fit
}

// ensureToken fixes the clientToken at review time.
func (r *reviewModel) ensureToken(d wizard.Draft) {
	if d.ClientToken != "" {
		return
	}
	body := tokenKey(d)
	if r.token == "" || (body != r.tokenBody && !r.pinned) {
		r.token = apiclient.NewClientToken()
		r.tokenBody = body
	}
}

// draftWithToken is d as it will be sent.
func (r *reviewModel) draftWithToken(d wizard.Draft) wizard.Draft {
	if d.ClientToken == "" {
		d.ClientToken = r.token
	}
	return d
}

func (r *reviewModel) update(msg tea.Msg, in reviewInput) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
		return nil
	case r.saving != nil:
		return r.updateSave(k, in)
	case r.submitting:
		return nil
	case r.confirming:
		return r.updateConfirm(k, in)
	}
	if r.notice == r.copied() {
		r.notice = ""
	}
	keys := reviewKeys
	p := r.env.st.P
	switch {
	case key.Matches(k, keys.Create):
		r.notice = ""
		r.fit = 0
		if len(in.problems) > 0 {
			r.notice = p.Sprintf("Fix the problems below first: press e to go to the step.")
			return nil
		}
		if in.checking {
			r.notice = r.checkingNotice()
			return nil
		}
		if len(NewFleet(in.draft, in.zones).Parts) == 0 {
			r.notice = p.Sprintf("No zone chosen can take the instances (see above why): press 1 to choose others.")
			return nil
		}
		// The quota already says too few are left: offer as many as fit
		// (not after an unknown outcome, whose token is kept for this body).
		if fit := quotaFit(in.draft, in.image, in.quota); fit < max(in.draft.Count, 1) && !r.pinned {
			if fit <= 0 {
				r.notice = p.Sprintf("The quota left takes none of the %d instances (see Quota left): free some, or ask JD Cloud for more.", max(in.draft.Count, 1))
				return nil
			}
			r.fit = fit
		}
		r.confirming = true
	case key.Matches(k, keys.Reveal):
		r.reveal = !r.reveal
	case key.Matches(k, keys.Copy):
		return r.copyCommand(in.draft)
	case key.Matches(k, keys.Edit):
		switch {
		case r.submitErr != nil && r.errPath != "":
			return send(gotoPathMsg{r.errPath})
		case len(in.problems) > 0:
			return send(gotoPathMsg{in.problems[0].Path})
		case r.submitErr != nil:
			// Nothing in the draft fixes it (a 5xx, a time-out): no step
			// to open.
			return nil
		}
		return send(gotoStepMsg{stepLogin})
	case key.Matches(k, keys.Jump):
		return send(gotoStepMsg{stepID(k.String()[0] - '1')})
	case key.Matches(k, keys.Save):
		return r.startSave(in.preset)
	case key.Matches(k, keys.Back):
		return send(gotoStepMsg{stepLogin})
	default:
		r.scroll(k)
	}
	return nil
}

// copied is the notice after c: what went where.
func (r *reviewModel) copied() string {
	return r.env.st.P.Sprintf("Copied the command to the clipboard (OSC 52).")
}

// copyCommand puts the command line of the choices on the clipboard
// through the terminal (OSC 52, as gh and Bubble Tea do): it works over
// SSH, and a terminal that does not take it ignores it.
func (r *reviewModel) copyCommand(d wizard.Draft) tea.Cmd {
	copyTo := r.env.copy
	if copyTo == nil {
		copyTo = func(s string) { r.env.st.Renderer().Output().Copy(s) }
	}
	copyTo(wizard.CommandLine(d))
	r.notice = r.copied()
	return nil
}

// scroll moves the review up or down.
func (r *reviewModel) scroll(k tea.KeyMsg) {
	keys := reviewKeys
	switch {
	case key.Matches(k, keys.Up):
		r.offset = max(0, r.offset-1)
	case key.Matches(k, keys.Down):
		r.offset++
	case key.Matches(k, keys.PageUp):
		r.offset = max(0, r.offset-10)
	case key.Matches(k, keys.PageDown):
		r.offset += 10
	case key.Matches(k, keys.Home):
		r.offset = 0
	case key.Matches(k, keys.End):
		r.offset = 1 << 20 // clamped to the last page when drawn
	}
}

// updateConfirm answers "Create …? (y/n)".
func (r *reviewModel) updateConfirm(k tea.KeyMsg, in reviewInput) tea.Cmd {
	switch {
	case key.Matches(k, reviewKeys.Confirm):
		if !r.confirmShown {
			// Typed before the question was on the screen (a hidden
			// review, keys typed ahead): not an answer.
			return nil
		}
		r.confirming, r.confirmShown = false, false
		d := r.draftWithToken(in.draft)
		if r.fit > 0 {
			d.Count = r.fit
		}
		r.fit = 0
		return r.submit(d, NewFleet(d, in.zones).Reqs, false)
	case r.fit > 0 && key.Matches(k, reviewKeys.All) && r.confirmShown:
		r.confirming, r.confirmShown, r.fit = false, false, 0
		d := r.draftWithToken(in.draft)
		return r.submit(d, NewFleet(d, in.zones).Reqs, false)
	case key.Matches(k, reviewKeys.Cancel):
		r.confirming, r.confirmShown = false, false
		r.fit = 0
	}
	return nil
}

// inflightSubmit is a submission on its way.
type inflightSubmit struct {
	cancel context.CancelFunc
	done   chan Submission // buffered: gets the outcome once
}

// submit sends every request of the draft under the submit policy (written
// ahead to the journal; each request carries its own clientToken, and the
// client retries a request only with the same token and bytes, so nothing
// can be created twice).
func (r *reviewModel) submit(d wizard.Draft, reqs []apiclient.CreateInstancesRequest, retry bool) tea.Cmd {
	r.submitting = true
	r.submitErr = nil
	api, j, region := r.env.api, r.env.journal, d.Region
	ctx, cancel := context.WithCancel(r.env.ctx)
	if r.env.budget != nil {
		// The creates spend the budget the status panel then polls on.
		ctx = apiclient.WithPacer(ctx, r.env.budget)
	}
	in := &inflightSubmit{cancel: cancel, done: make(chan Submission, 1)}
	r.inflight = in
	return func() tea.Msg {
		defer cancel()
		out := Submit(ctx, api, j, region, d.ClientToken, reqs)
		in.done <- out
		return submitResultMsg{out: out, retry: retry}
	}
}

// submitted takes in what became of a submission that created nothing,
// or of a retry: the status panel shows what was created.
func (r *reviewModel) submitted(msg submitResultMsg, d wizard.Draft) {
	r.submitting = false
	r.inflight = nil
	out := msg.out
	if len(out.IDs()) > 0 {
		r.lastRun = &out
		if msg.retry {
			r.retrying = 0
			r.settledReported = false // the replacements settle later, and are journalled then
		}
		return
	}
	if msg.retry {
		r.retrying = 0
		p := r.env.st.P
		r.notice = p.Sprintf("The retry was not sent: %s", theme.FirstLine(DescribeFailure(p, out.Err, d, out.Quota)))
		return
	}
	r.submitErr = out.Err
	r.errDraft = draftKey(d)
	r.errPath = pathForError(out.Err, d)
	r.errQuota = out.Quota
	r.unknown = nil
	if out.Unknown {
		// The request may have been carried out: every later submit
		// carries the same token, and the API then either returns the
		// same instances or refuses a changed body.
		r.pinned = true
		r.unknown = &out
	} else {
		// A definite refusal: nothing was created, so a changed body
		// may use a fresh token.
		r.tokenBody = ""
	}
}

// interrupt stops a submission on its way (ctrl+c) and says what the
// person is left holding: waits briefly for its outcome, which the policy
// has journalled, and describes it.
func (r *reviewModel) interrupt(wait time.Duration) string {
	in := r.inflight
	if in == nil {
		return ""
	}
	in.cancel()
	p := r.env.st.P
	select {
	case out := <-in.done:
		in.done <- out
		switch {
		case out.Err == nil:
			return p.Sprintf("Stopped after the request was accepted: %s\nFollow them with: %s", strings.Join(out.IDs(), " "), "cocvm watch --last")
		case out.Unknown:
			return p.Sprintf("Stopped while the request was being sent. %s", UnknownOutcomeText(p, out))
		case len(out.Resps) == 0:
			return p.Sprintf("Stopped: nothing was created.")
		}
		return p.Sprintf("Stopped: %s created; the rest was not sent.", strings.Join(out.IDs(), " "))
	case <-time.After(wait):
		return p.Sprintf("Stopped while the request was being sent: its outcome is unknown, and it is in the journal.\nTo resume:  %s", ResumeCommand(""))
	}
}

// retryFailed asks, then creates as many instances as failed: a new
// request with a new token.
func (r *reviewModel) retryFailed(n int) {
	if n > 0 {
		r.retrying = n
	}
}

func (r *reviewModel) updateRetryConfirm(k tea.KeyMsg, d wizard.Draft, facts wizard.ZoneFacts) tea.Cmd {
	switch {
	case key.Matches(k, reviewKeys.Confirm):
		d = r.retryDraft(d)
		r.retrying = -1 // sending
		return r.submit(d, NewFleet(d, facts).Reqs, true)
	case key.Matches(k, reviewKeys.Cancel):
		r.retrying = 0
	}
	return nil
}

// retryDraft is d for creating again what failed or is missing: that
// many, with a new token, in the zones of the run that still have stock
// (those refused for stock left out; the plan leaves out what the
// catalogue says is sold out).
func (r *reviewModel) retryDraft(d wizard.Draft) wizard.Draft {
	d.Count = max(r.retrying, 1)
	d.ClientToken = apiclient.NewClientToken()
	if r.lastRun != nil {
		var zones []string
		for _, z := range r.lastRun.Zones() {
			if !z.SoldOut() {
				zones = append(zones, z.Zone)
			}
		}
		if len(zones) > 0 {
			d.SetZones(zones)
		}
	}
	return d
}

// statusOverlay is what the review has to say under the status panel: the
// save dialog, the retry's question or progress, or a notice.
func (r *reviewModel) statusOverlay(in reviewInput) string {
	st := r.env.st
	p := st.P
	if r.saving != nil {
		return r.saving.view(st)
	}
	if r.retrying < 0 {
		return " " + p.Sprintf("%s creating replacements…", in.spinner)
	}
	if r.retrying == 0 {
		return " " + st.Good.Render(r.notice)
	}
	charge := chargeText(p, in.draft.Spec.Charge)
	if zs := r.retryDraft(in.draft).Zones(); len(zs) > 1 || len(in.draft.Zones()) > 1 {
		return " " + st.Warn.Render(p.Sprintf("Create %d instances again in %s and deduct %s of prepaid charges? (y/n)", r.retrying, ZonesText(zs), charge))
	}
	return " " + st.Warn.Render(p.Sprintf("Create %d instances again and deduct %s of prepaid charges? (y/n)", r.retrying, charge))
}

// newReview is the review of m's draft.
func (m *Model) newReview() *reviewModel {
	return newReviewModel(reviewEnv{
		ctx: m.ctx, api: m.cfg.Catalog, budget: m.cfg.Budget, journal: m.cfg.Journal, sandbox: m.cfg.Sandbox,
		savePreset: m.cfg.SavePreset, presetExists: m.cfg.PresetExists, st: &m.st,
	})
}

// reviewInput is the wizard as the review sees it now.
// checkingReview says the review's stock and quota are still being asked.
func (m *Model) checkingReview() bool {
	return m.data.quota.state == loadBusy || m.data.checkingStock()
}

func (m *Model) reviewInput() reviewInput {
	zones := m.zoneFacts()
	return reviewInput{
		draft:        m.draft,
		problems:     m.problems,
		preset:       m.cfg.Preset,
		quota:        m.quota(),
		quotaFailed:  m.data.quota.state == loadFailed,
		checking:     m.checkingReview(),
		instanceType: zones.Type, // the draft's type, looked up once
		image:        m.data.findImage(m.draft.Spec.ImageID),
		zones:        zones,
		width:        m.width,
		spinner:      m.spin.View(),
	}
}

// onSubmitted takes in what became of a submission: the review learns of a
// refusal or an unknown outcome; what was created is watched in the status
// panel (a retry's replacements in the same panel); warnings and what was
// not sent are said once the program ends.
func (m *Model) onSubmitted(msg submitResultMsg) tea.Cmd {
	out := msg.out
	for _, w := range out.Warnings {
		m.after += locale.Warning(m.st.P, w) + "\n"
	}
	m.review.submitted(msg, m.draft)
	ids := out.IDs()
	if len(ids) == 0 {
		return nil
	}
	if out.Err != nil && out.Unknown {
		m.after += m.st.P.Sprintf("Not every request was sent: %s", DescribeFailure(m.st.P, out.Err, m.draft, out.Quota))
		if t := UnknownOutcomeText(m.st.P, out); t != "" {
			m.after += "\n" + t
		}
		m.after += "\n"
	}
	// What a refusal left uncreated is the panel's to say (missingText).
	if msg.retry && m.status != nil {
		missing, why := missingText(m.st.P, out)
		return m.status.AddInstances(ids, watch.Meta{Printer: m.st.P, Name: m.draft.Spec.Name, RequestID: out.Resps[0].RequestID,
			ClientToken: out.Reqs[0].ClientToken, Journaled: m.cfg.Journal != nil, Zones: zonesByID(out),
			Missing: missing, MissingWhy: why})
	}
	m.phase = phaseStatus
	m.status = newWizardStatus(m, out)
	return m.status.Init()
}

// quota is the region's quotas, when they have been read.
func (m *Model) quota() *apiclient.Quotas {
	if m.data.quota.ready() && len(m.data.quota.items) > 0 {
		return &m.data.quota.items[0]
	}
	return nil
}

// chargeText is how long the prepaid charge runs, in p's language: "1
// month", "3 years".
func chargeText(p *message.Printer, c *apiclient.ChargeSpec) string {
	if c == nil {
		return p.Sprintf("%d months", 1)
	}
	n := max(c.ChargeDuration, 1)
	if c.ChargeUnit == apiclient.ChargeUnitYear {
		return p.Sprintf("%d years", n)
	}
	if c.ChargeUnit == "" || c.ChargeUnit == apiclient.ChargeUnitMonth {
		return p.Sprintf("%d months", n)
	}
	return strconv.Itoa(n) + " " + c.ChargeUnit // a unit the API may add: its own word
}
