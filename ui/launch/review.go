package launch

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// The review: what was chosen, the exact body that will be sent, the quota
// and the charge; Enter asks for confirmation, y submits.

type reviewModel struct {
	m *Model

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
	// unknown is the run whose outcome is unknown, for its tokens.
	unknown *Submission

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

func newReviewModel(m *Model) *reviewModel { return &reviewModel{m: m} }

// submitResultMsg is the outcome of submitting every request of the draft.
type submitResultMsg struct {
	out   Submission
	retry bool // a retry of failed instances from the status panel
}

func (r *reviewModel) open() tea.Cmd {
	r.offset = 0
	r.confirming = false
	r.ensureToken()
	return nil
}

// ensureToken fixes the clientToken at review time.
func (r *reviewModel) ensureToken() {
	if r.m.draft.ClientToken != "" {
		return
	}
	d := r.m.draft
	d.ClientToken = ""
	body := string(wizard.Marshal(wizard.Build(d)[0]))
	if r.token == "" || (body != r.tokenBody && !r.pinned) {
		r.token = wizard.NewClientToken()
		r.tokenBody = body
	}
}

// draftWithToken is the draft as it will be sent.
func (r *reviewModel) draftWithToken() wizard.Draft {
	d := r.m.draft
	if d.ClientToken == "" {
		d.ClientToken = r.token
	}
	return d
}

func (r *reviewModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if r.saving != nil {
		return r.updateSave(k)
	}
	if r.submitting {
		return nil
	}
	if r.confirming {
		switch k.String() {
		case "y", "Y":
			if !r.confirmShown {
				// Typed before the question was on the screen (a hidden
				// review, keys typed ahead): not an answer.
				return nil
			}
			r.confirming, r.confirmShown = false, false
			return r.submit(r.draftWithToken(), false)
		case "n", "N", "esc":
			r.confirming, r.confirmShown = false, false
		}
		return nil
	}
	switch k.String() {
	case "enter":
		r.notice = ""
		if len(r.m.problems) > 0 {
			r.notice = "Fix the problems below first: press e to go to the step."
			return nil
		}
		r.confirming = true
	case "p":
		r.reveal = !r.reveal
	case "e":
		switch {
		case r.submitErr != nil && r.errPath != "":
			return r.m.gotoPath(r.errPath)
		case len(r.m.problems) > 0:
			return r.m.gotoPath(r.m.problems[0].Path)
		}
		return r.m.gotoStep(stepLogin)
	case "1", "2", "3", "4", "5", "6", "7":
		return r.m.gotoStep(stepID(k.String()[0] - '1'))
	case "s":
		return r.startSave()
	case "esc", "shift+tab":
		return r.m.gotoStep(stepLogin)
	case "up", "k":
		r.offset = max(0, r.offset-1)
	case "down", "j":
		r.offset++
	case "pgup":
		r.offset = max(0, r.offset-10)
	case "pgdown", " ":
		r.offset += 10
	case "home", "g":
		r.offset = 0
	case "end", "G":
		r.offset = 1 << 20 // clamped to the last page when drawn
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
func (r *reviewModel) submit(d wizard.Draft, retry bool) tea.Cmd {
	r.submitting = true
	r.submitErr = nil
	api, j, region := r.m.cfg.Catalog, r.m.cfg.Journal, d.Region
	reqs := wizard.Build(d)
	ctx, cancel := context.WithCancel(r.m.ctx)
	in := &inflightSubmit{cancel: cancel, done: make(chan Submission, 1)}
	r.inflight = in
	var rec Recorder
	if j != nil {
		rec = j
	}
	return func() tea.Msg {
		defer cancel()
		out := Submit(ctx, api, rec, region, d.ClientToken, reqs)
		in.done <- out
		return submitResultMsg{out: out, retry: retry}
	}
}

func (r *reviewModel) onSubmitted(msg submitResultMsg) tea.Cmd {
	r.submitting = false
	r.inflight = nil
	m := r.m
	out := msg.out
	for _, w := range out.Warnings {
		m.after += "cocvm: warning: " + w + "\n"
	}
	ids := out.IDs()
	if len(ids) == 0 {
		if msg.retry {
			r.retrying = 0
			r.notice = "The retry was not sent: " + theme.FirstLine(DescribeFailure(out.Err, m.draft, out.Quota))
			return nil
		}
		r.submitErr = out.Err
		r.errPath = pathForError(out.Err)
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
		return nil
	}
	if out.Err != nil {
		m.after += "Not every request was sent: " + DescribeFailure(out.Err, m.draft, out.Quota)
		if t := UnknownOutcomeText(out); t != "" {
			m.after += "\n" + t
		}
	}
	if msg.retry && m.status != nil {
		r.retrying = 0
		r.settledReported = false // the replacements settle later, and are journalled then
		return m.status.AddInstances(ids, watch.Meta{Name: m.draft.Spec.Name, RequestID: out.Resps[0].RequestID,
			ClientToken: out.Reqs[0].ClientToken, Journaled: m.cfg.Journal != nil})
	}
	m.phase = phaseStatus
	m.status = newWizardStatus(m, ids, out.Resps)
	return m.status.Init()
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
	select {
	case out := <-in.done:
		in.done <- out
		switch {
		case out.Err == nil:
			return "Stopped after the request was accepted: " + strings.Join(out.IDs(), " ") +
				"\nFollow them with: cocvm watch --last"
		case out.Unknown:
			return "Stopped while the request was being sent. " + UnknownOutcomeText(out)
		case len(out.Resps) == 0:
			return "Stopped: nothing was created."
		}
		return "Stopped: " + strings.Join(out.IDs(), " ") + " created; the rest was not sent."
	case <-time.After(wait):
		return "Stopped while the request was being sent: its outcome is unknown, and it is in the journal.\nTo resume:  cocvm create --resume"
	}
}

// retryFailed asks, then creates as many instances as failed: a new
// request with a new token.
func (r *reviewModel) retryFailed(n int) tea.Cmd {
	if n <= 0 {
		return nil
	}
	r.retrying = n
	return nil
}

func (r *reviewModel) updateRetryConfirm(k tea.KeyMsg) tea.Cmd {
	switch k.String() {
	case "y", "Y":
		d := r.m.draft
		d.Count = r.retrying
		d.ClientToken = wizard.NewClientToken()
		r.retrying = -1 // sending
		return r.submit(d, true)
	case "n", "N", "esc":
		r.retrying = 0
	}
	return nil
}

func (r *reviewModel) statusOverlay() string {
	st := r.m.st
	if r.saving != nil {
		return r.saving.view(&st)
	}
	if r.retrying < 0 {
		return " " + r.m.spin.View() + " creating replacements…"
	}
	if r.retrying == 0 {
		return " " + st.Good.Render(r.notice)
	}
	return " " + st.Warn.Render(fmt.Sprintf("Create %s again and deduct %s of prepaid charges? (y/n)",
		theme.Plural(r.retrying, "instance", "instances"), durationText(r.m.draft.Spec.Charge)))
}

// pathForError says which field fixes what the API refused, as a JSON
// path ("" when no field can).
func pathForError(err error) string {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		return ""
	}
	msg := strings.ToLower(ae.Message)
	has := func(s string) bool { return strings.Contains(msg, s) }
	switch {
	case ae.Status == "QUOTA_EXCEEDED", has("maxcount"):
		return wizard.PathMaxCount
	case has("password"):
		return wizard.PathPassword
	case has("keypair"):
		return wizard.PathKeyName
	case has("clienttoken"):
		return wizard.PathClientToken
	case has("systemdisk"):
		return wizard.PathSystemDisk + ".diskSizeGB"
	case has("disk type"), has("disktype"):
		return wizard.PathSystemDisk + ".diskType"
	case has("image"):
		return wizard.PathImageID
	case has("instancetype"):
		return wizard.PathInstanceType
	case has("ipv6"), strings.HasPrefix(msg, "ip "):
		return wizard.PathIP
	case has("subnet"):
		return wizard.PathSubnetID
	case has("securitygroup"):
		return wizard.PathSecurityGroups
	case has("vpc"):
		return wizard.PathVpcID
	}
	return ""
}

// explainText is the explanation of an API error for a person, with what
// only the wizard knows added: which password rule, how much quota is left.
func explainText(err error, m *Model) string {
	return DescribeFailure(err, m.draft, m.quota())
}

// DescribeFailure explains err: what happened, the API's words verbatim,
// and what to do next, with the password rule that failed or the quota
// left when those are what the API refused.
func DescribeFailure(err error, d wizard.Draft, q *apiclient.QuotaUsage) string {
	ex := apiclient.Explain(err)
	var b strings.Builder
	b.WriteString(ex.Summary)
	if ex.Chinese != "" {
		b.WriteString(" (" + ex.Chinese + ")")
	}
	if ex.Detail != "" {
		b.WriteString("\n" + ex.Detail)
	}
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == "QUOTA_EXCEEDED" && q != nil:
			b.WriteString(fmt.Sprintf("\n%d of %d instances are in use, %d left; this request asks for %d.",
				q.Used, q.Limit, q.Left(), max(d.Count, 1)))
		case strings.Contains(strings.ToLower(ae.Message), "password"):
			for _, rule := range BrokenPasswordRules(d.Spec.Password) {
				b.WriteString("\n• the password " + rule)
			}
		}
	}
	if ex.Next != "" {
		b.WriteString("\n" + ex.Next)
	}
	return b.String()
}

func (m *Model) quota() *apiclient.QuotaUsage {
	if m.data.quota.ready() && len(m.data.quota.items) > 0 {
		return &m.data.quota.items[0]
	}
	return nil
}

// view renders the review in at most height lines plus its footer.
func (r *reviewModel) view(height int) (string, string) {
	m := r.m
	st := m.st
	d := r.draftWithToken()
	reqs := wizard.Build(d)
	req := reqs[0]
	if !r.reveal {
		req = wizard.Redact(req)
	}

	var top strings.Builder
	title := fmt.Sprintf(" Review · %d × %s in %s", max(d.Count, 1), theme.OrDash(d.Spec.InstanceType), theme.OrDash(d.Spec.Az))
	quota := r.quotaText()
	gap := max(1, m.width-lipgloss.Width(title)-lipgloss.Width(quota)-1)
	top.WriteString(st.Bold.Render(title) + strings.Repeat(" ", gap) + quota + "\n")

	choices := r.choicesView(d)
	bodyTitle := "POST /v1/regions/" + d.Region + "/instances"
	if len(reqs) > 1 {
		bodyTitle += fmt.Sprintf(" · 1 of %d requests", len(reqs))
	}
	body := theme.ColorJSON(&st, string(wizard.Marshal(req)))
	var boxes string
	if m.width >= 110 {
		left := st.Box.Width(40).Render(st.BoxTitle.Render("choices") + "\n" + choices)
		right := st.Box.Width(m.width - 40 - 6).Render(st.BoxTitle.Render(bodyTitle) + "\n" + body)
		boxes = lipgloss.JoinHorizontal(lipgloss.Top, left, " ", right)
	} else {
		w := m.width - 4
		boxes = st.Box.Width(w).Render(st.BoxTitle.Render("choices")+"\n"+choices) + "\n" +
			st.Box.Width(w).Render(st.BoxTitle.Render(bodyTitle)+"\n"+body)
	}
	var more strings.Builder
	if len(reqs) > 1 {
		more.WriteString(st.Subtle.Render(fmt.Sprintf(" %d instances are sent as %d requests; the others differ only in maxCount and clientToken.", d.Count, len(reqs))) + "\n")
	}
	more.WriteString(" " + st.Warn.Render("Prepaid:") + " " + durationText(d.Spec.Charge) + " × " + theme.Plural(max(d.Count, 1), "instance", "instances") +
		" is deducted from the account when you confirm.\n")
	if m.cfg.Sandbox {
		more.WriteString(" " + st.Sandbox.Render("Sandbox:") + st.Subtle.Render(" nothing real is created or charged.") + "\n")
	}
	// The draft without the generated token: a script that reused this
	// request's token would create nothing the second time.
	script := lipgloss.NewStyle().Width(m.width - 2).Render(st.Subtle.Render("From a script: ") + wizard.CommandLine(m.draft))
	more.WriteString(" " + strings.ReplaceAll(script, "\n", "\n ") + "\n")

	// What stops the create comes first, above the boxes, where it is seen
	// without scrolling.
	wrap := lipgloss.NewStyle().Width(m.width - 5)
	indent := func(text string) string { return "   " + strings.ReplaceAll(wrap.Render(text), "\n", "\n   ") + "\n" }
	if r.submitErr != nil {
		var ur *apiclient.UnreadableResultError
		switch {
		case r.unknown != nil && errors.As(r.submitErr, &ur):
			// Accepted: sending it again with its token returns the ids.
			top.WriteString(" " + st.Bad.Render("The request was accepted; the ids of its instances could not be read.") + "\n")
			top.WriteString(indent(fmt.Sprintf("Request id %s, clientToken %s. Enter then y sends it again with the same clientToken: "+
				"the API answers with the instances it created and creates no more.", theme.OrDash(ur.RequestID), r.unknown.OpenTokens()[0])))
		case r.unknown != nil:
			// A lost connection, a time-out, a 5xx: the create may have
			// gone through. Enter sends the same body with the same token,
			// which cannot create twice.
			top.WriteString(" " + st.Bad.Render("The outcome is unknown: the request may have been carried out.") + "\n")
			top.WriteString(indent(explainText(r.submitErr, m)))
			top.WriteString(indent(fmt.Sprintf("clientToken %s is kept: enter then y sends the same request again, which cannot create twice "+
				"(later: %s).", r.unknown.OpenTokens()[0], ResumeCommand(r.unknown.OpenTokens()[0]))))
		default:
			top.WriteString(" " + st.Bad.Render("The request was refused:") + "\n")
			top.WriteString(indent(explainText(r.submitErr, m)))
		}
		if r.errPath != "" {
			step := stepForPath(r.errPath)
			top.WriteString(indent(st.Key.Render("e") + st.Subtle.Render(fmt.Sprintf(" opens step %d, %s, to fix it; nothing you typed is lost.", int(step)+1, stepNames[step]))))
		}
	} else if len(m.problems) > 0 {
		top.WriteString(" " + st.Bad.Render("Not ready to create:") + "\n")
		for _, p := range m.problems {
			top.WriteString(indent(st.Bad.Render("✗ ") + fmt.Sprintf("%d %s · ", int(stepForPath(p.Path))+1, stepNames[stepForPath(p.Path)]) + shortPath(p.Path) + ": " + p.Message))
		}
	}

	content := top.String() + boxes + "\n" + more.String()
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")

	var footer string
	switch {
	case r.saving != nil:
		footer = r.saving.view(&st)
	case r.submitting:
		footer = " " + m.spin.View() + " submitting…"
	case r.confirming:
		r.confirmShown = true
		footer = " " + st.Warn.Render(fmt.Sprintf("Create %s and deduct %s of prepaid charges? (y/n)",
			theme.Plural(max(d.Count, 1), "instance", "instances"), durationText(d.Spec.Charge)))
	default:
		m.help.ShowAll = false
		footer = theme.IndentLines(m.help.View(reviewHelp{k: m.keys, password: d.Spec.Password != "", save: m.cfg.SavePreset != nil,
			problem: r.submitErr != nil || len(m.problems) > 0}), " ")
	}
	if r.notice != "" && r.saving == nil && !r.confirming && !r.submitting {
		footer = " " + st.Warn.Render(theme.Truncate(r.notice, m.width-2)) + "\n" + footer
	}
	avail := height - lipgloss.Height(footer)
	if avail < 1 {
		avail = 1
	}
	maxOffset := max(0, len(lines)-avail)
	r.offset = min(r.offset, maxOffset)
	visible := append([]string(nil), lines[r.offset:min(len(lines), r.offset+avail)]...)
	if r.offset < maxOffset && len(visible) > 0 {
		visible[len(visible)-1] = st.Dim.Render(fmt.Sprintf(" ↓ %d more lines · ↑/↓ scroll", len(lines)-r.offset-avail+1))
	}
	return strings.Join(visible, "\n"), footer
}

func (r *reviewModel) quotaText() string {
	st := r.m.st
	q := r.m.quota()
	if q == nil {
		switch r.m.data.quota.state {
		case loadFailed:
			return st.Dim.Render("quota: could not be read")
		default:
			return st.Dim.Render("quota: …")
		}
	}
	left := q.Left()
	s := fmt.Sprintf("quota: %d of %d used, %d left", q.Used, q.Limit, left)
	if r.m.width < 100 {
		s = fmt.Sprintf("quota: %d left", left)
	}
	if max(r.m.draft.Count, 1) <= left {
		return st.Subtle.Render(s) + " " + st.Good.Render("✓")
	}
	return st.Bad.Render(s + " ✗ too few")
}

func (r *reviewModel) choicesView(d wizard.Draft) string {
	m := r.m
	st := m.st
	// Side by side with the body the box is 40 wide; stacked on a narrow
	// terminal it takes two columns, so the body gets the height.
	twoCols := m.width < 110
	valueWidth := 29
	if twoCols {
		valueWidth = (m.width-4-2)/2 - 9
	}
	row := func(label, value string) string {
		return st.Label.Render(theme.PadRight(label, 9)) + theme.PadRight(theme.Truncate(value, valueWidth), valueWidth)
	}
	typ := theme.OrDash(d.Spec.InstanceType)
	if t := m.data.findType(d.Spec.InstanceType); t != nil {
		typ += fmt.Sprintf(" · %d vCPU · %s", t.CPU, gib(t.MemoryMB))
	}
	img := theme.OrDash(d.Spec.ImageID)
	if i := m.data.findImage(d.Spec.ImageID); i != nil {
		img = i.Name
	}
	nic := d.Spec.PrimaryNetworkInterface
	net := theme.OrDash(nic.SubnetID) + " · " + theme.Plural(len(nic.SecurityGroups), "group", "groups")
	if nic.IP != "" {
		net += " · " + nic.IP
	}
	disks := d.Spec.SystemDisk.DiskType + " " + itoa(d.Spec.SystemDisk.DiskSizeGB) + " GiB"
	if n := len(d.Spec.DataDisks); n > 0 {
		disks += " + " + theme.Plural(n, "data", "data")
	}
	billing := durationText(d.Spec.Charge)
	if d.Spec.Charge != nil && d.Spec.Charge.AutoRenew {
		billing += " · auto-renew"
	} else {
		billing += " · no auto-renew"
	}
	login := "password"
	switch {
	case d.Spec.KeyName != "" && d.Spec.PasswordAuth == "no":
		login = "key " + d.Spec.KeyName + " only"
	case d.Spec.KeyName != "":
		login = "key " + d.Spec.KeyName
	case d.Spec.Password == "":
		login = "random password (SMS/e-mail)"
	}
	eip := "none"
	if e := d.Spec.ElasticIPSpec; e != nil {
		eip = fmt.Sprintf("BGP %d Mbps", e.SizeMbps)
	}
	lines := []string{
		row("Zone", theme.OrDash(d.Spec.Az)),
		row("Type", typ),
		row("Image", img),
		row("VPC", theme.OrDash(nic.VpcID)),
		row("Network", net),
		row("Public", eip),
		row("Disks", disks),
		row("Billing", billing),
		row("Login", login),
		row("Name", fmt.Sprintf("%s × %d", d.Spec.Name, max(d.Count, 1))),
	}
	if m.cfg.Preset != "" {
		lines = append(lines, row("Preset", m.cfg.Preset))
	}
	if !twoCols {
		return strings.Join(lines, "\n")
	}
	half := (len(lines) + 1) / 2
	var out []string
	for i := 0; i < half; i++ {
		line := lines[i]
		if i+half < len(lines) {
			line += "  " + lines[i+half]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// --- saving a preset ----------------------------------------------------------

type saveDialog struct {
	input     textinput.Model
	overwrite bool
	err       string
}

func (r *reviewModel) startSave() tea.Cmd {
	if r.m.cfg.SavePreset == nil {
		return nil
	}
	ti := textinput.New()
	ti.Prompt = ""
	ti.Cursor.SetMode(cursor.CursorStatic) // as every input of the wizard: no timer
	ti.Placeholder = "preset name"
	ti.CharLimit = 64
	ti.Width = 30
	ti.SetValue(r.m.cfg.Preset)
	r.saving = &saveDialog{input: ti}
	return r.saving.input.Focus()
}

func (r *reviewModel) updateSave(k tea.KeyMsg) tea.Cmd {
	s := r.saving
	switch k.String() {
	case "esc":
		r.saving = nil
		return nil
	case "enter":
		name := strings.TrimSpace(s.input.Value())
		if s.overwrite {
			return nil
		}
		if r.m.cfg.PresetExists != nil && r.m.cfg.PresetExists(name) {
			s.overwrite = true
			return nil
		}
		return r.save(name, false)
	case "y", "Y":
		if s.overwrite {
			return r.save(strings.TrimSpace(s.input.Value()), true)
		}
	case "n", "N":
		if s.overwrite {
			s.overwrite = false
			return nil
		}
	}
	if s.overwrite {
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(k)
	s.err = ""
	return cmd
}

func (r *reviewModel) save(name string, overwrite bool) tea.Cmd {
	if err := r.m.cfg.SavePreset(name, r.m.draft, overwrite); err != nil {
		r.saving.err = err.Error()
		r.saving.overwrite = false
		return nil
	}
	r.saving = nil
	r.m.cfg.Preset = name
	r.notice = "Saved as preset \"" + name + "\" (without the password). Next time: cocvm create --preset " + name
	return nil
}

func (s *saveDialog) view(st *theme.Styles) string {
	if s.overwrite {
		return " " + st.Warn.Render("A preset named \""+s.input.Value()+"\" exists. Replace it? (y/n)")
	}
	line := " Save as preset: " + s.input.View() + st.Dim.Render("  enter saves · esc cancels · the password is never saved")
	if s.err != "" {
		line += "\n " + st.Bad.Render("✗ "+s.err)
	}
	return line
}
