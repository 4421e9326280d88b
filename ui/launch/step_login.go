package launch

import (
	"github.com/cocvm/cocvm/apiclient"

	"strconv"
	"strings"

	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Step 7, login and name: a password (with its checklist as typed) or a key
// pair, the name, the count and the clientToken.

func (m *Model) loginStep() *field.Step {
	f := &m.f
	d := &m.draft
	p := m.st.P
	f.login = &field.Choice{Label: p.Sprintf("Login"), Options: []field.Option{{Label: p.Sprintf("Password")}, {Label: p.Sprintf("Key pair (Linux images only)")}}}
	if d.Spec.KeyName != "" {
		f.login.Selected = 1
	}
	f.login.OnChange = func(i int) {
		if i == 1 {
			m.draft.Spec.Password = ""
			m.draft.Spec.KeyName = m.f.keypair.Selected
			if m.draft.Spec.KeyName == "" {
				m.draft.Spec.KeyName = m.f.keypair.FirstChoosable()
				m.f.keypair.Selected = m.draft.Spec.KeyName
			}
		} else {
			m.draft.Spec.KeyName = ""
			m.draft.Spec.PasswordAuth = ""
			m.draft.Spec.Password = m.f.password.Value()
		}
		m.refreshAll()
	}
	usePassword := func() bool { return f.login.Selected == 1 }
	f.password = field.NewInput(p.Sprintf("Password"), p.Sprintf("8 to 26 characters"), 64, func(v string) { m.draft.Spec.Password = v }).Masked()
	f.password.Hidden = usePassword
	f.password.SetValue(d.Spec.Password)
	f.confirm = field.NewInput(p.Sprintf("Confirm"), p.Sprintf("type it again"), 64, func(v string) { m.confirm = v }).Masked()
	f.confirm.Hidden = usePassword
	f.confirm.SetValue(m.confirm)
	f.confirm.Local = func() wizard.Problem {
		if m.f.login.Selected == 0 && m.draft.Spec.Password != "" && m.confirm != m.draft.Spec.Password {
			return wizard.Problem{Path: wizard.PathPassword, Message: apiclient.T("the confirmation does not match the password")}
		}
		return wizard.Problem{}
	}
	f.keypair = m.lookUpList(p.Sprintf("Key pair"), p.Sprintf("key pairs"), 3, []theme.Column{{Title: p.Sprintf("NAME"), Width: 20}, {Title: p.Sprintf("FINGERPRINT"), Width: 36}})
	f.keypair.Empty = p.Sprintf("this region has no key pairs; create one in the console, or use a password")
	f.keypair.Hidden = func() bool { return f.login.Selected == 0 }
	f.keypair.Selected = d.Spec.KeyName
	f.keypair.OnChange = func(id string) { m.draft.Spec.KeyName = id }
	f.pwAuth = &field.Choice{Label: p.Sprintf("SSH password"), Options: []field.Option{{Label: p.Sprintf("allowed")}, {Label: p.Sprintf("refused")}}}
	f.pwAuth.Hidden = func() bool { return f.login.Selected == 0 }
	if d.Spec.PasswordAuth == "no" {
		f.pwAuth.Selected = 1
	}
	f.pwAuth.OnChange = func(i int) {
		m.draft.Spec.PasswordAuth = []string{"yes", "no"}[i]
	}
	f.name = field.NewInput(p.Sprintf("Name"), p.Sprintf("1 to 64 characters"), 64, func(v string) { m.draft.Spec.Name = v })
	f.name.SetValue(d.Spec.Name)
	f.count = field.NewInput(p.Sprintf("Count"), "1", 5, func(v string) {
		m.draft.Count, _ = strconv.Atoi(strings.TrimSpace(v))
		m.countBeforeIP = 0 // the person's own count from now on
	})
	f.count.SetValue(strconv.Itoa(max(d.Count, 1)))
	f.count.Local = intProblem(f.count, "maxCount")
	f.token = field.NewInput(p.Sprintf("Client token"), p.Sprintf("generated at review"), 64, func(v string) { m.draft.ClientToken = strings.TrimSpace(v) })
	f.token.SetValue(d.ClientToken)
	f.token.Hint = p.Sprintf("optional, for idempotency")
	return &field.Step{
		Title:  p.Sprintf("Login & name"),
		Fields: []field.Field{f.login, f.password, f.confirm, f.keypair, f.pwAuth, f.name, f.count, f.token},
		After: func(i int) string {
			switch m.steps[stepLogin].Fields[i] {
			case f.confirm:
				return m.passwordChecklist()
			case f.count:
				return m.countNote()
			case f.pwAuth:
				if f.pwAuth.Selected == 0 {
					return field.Indent + m.st.Dim.Render(p.Sprintf("a random password is sent by SMS and e-mail"))
				}
			}
			return ""
		},
	}
}

func (m *Model) passwordChecklist() string {
	p := m.st.P
	pad := strings.Repeat(" ", 4)
	if m.draft.Spec.Password == "" {
		lead := p.Sprintf("Leave it empty and a random password is sent by SMS and e-mail; or type one: ")
		rules := p.Sprintf("8 to 26 characters, 3 of upper, lower, digits and special, no runs like 123, abc or qwer, no root or Administrator.")
		// Wrapped before it is styled, so Chinese breaks between characters.
		lines := strings.Split(theme.Wrap(lead+rules, m.width-10), "\n")
		for i, l := range lines {
			if i == 0 && strings.HasPrefix(l, lead) {
				l = m.st.Subtle.Render(lead) + m.st.Dim.Render(strings.TrimPrefix(l, lead))
			} else {
				l = m.st.Dim.Render(l)
			}
			lines[i] = pad + l
		}
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	for _, c := range wizard.PasswordChecklist(m.draft.Spec.Password) {
		line := locale.Say(p, c.Rule)
		if c.OK {
			b.WriteString(pad + m.st.Good.Render("✓ ") + m.st.Subtle.Render(line))
		} else {
			b.WriteString(pad + m.st.Bad.Render("✗ ") + line)
			if detail := locale.Say(p, c.Why); detail != "" {
				b.WriteString("  " + m.st.Bad.Render(detail))
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) countNote() string {
	pad := field.Indent
	n := m.draft.Count
	switch {
	case n > 100:
		k := (n + 99) / 100
		return pad + m.st.Subtle.Render(m.st.P.Sprintf("over 100: sent as %s requests of at most 100 each", strconv.Itoa(k)))
	case m.draft.Spec.PrimaryNetworkInterface.IP != "" && n != 1:
		return pad + m.st.Warn.Render(m.st.P.Sprintf("a private IP is set, so only 1 instance can be created"))
	}
	return ""
}
