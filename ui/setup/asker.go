package setup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/prompt"
)

// formAsker asks setup's questions through a prompt.Asker: full-screen
// fields on a terminal, or huh's accessible line prompts with --accessible.
type formAsker struct {
	*prompt.Asker
}

func newFormAsker(ios *iostreams.IOStreams, accessible bool, p *message.Printer) *formAsker {
	return &formAsker{prompt.New(ios, accessible).WithPrinter(p)}
}

// speak asks the next questions in p's language.
func (a *formAsker) speak(p *message.Printer) { a.WithPrinter(p) }

// p is the printer the questions are asked in.
func (a *formAsker) p() *message.Printer { return a.Printer() }

// run asks the fields, in setup's words when it is cancelled or the input
// ends.
func (a *formAsker) run(ctx context.Context, fields ...huh.Field) error {
	err := a.Run(ctx, fields...)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, prompt.ErrAborted):
		return ErrAborted
	case errors.Is(err, prompt.ErrInputEnded):
		return ErrInputEnded
	}
	return apiclient.Errorf("setup: %v", err)
}

// languageNames are the languages as each names itself, in the order
// offered.
var languageNames = []struct {
	lang locale.Lang
	name string
}{{locale.English, "English"}, {locale.Chinese, "简体中文"}}

// languageField is the language question, l preselected. Each language is
// offered in its own words, so that either reader finds theirs.
func languageField(p *message.Printer, l *locale.Lang) *huh.Select[locale.Lang] {
	var opts []huh.Option[locale.Lang]
	for _, n := range languageNames {
		opts = append(opts, huh.NewOption(n.name, n.lang))
	}
	return huh.NewSelect[locale.Lang]().
		// The title is in both languages, as the options name themselves:
		// the person may not read the one cocvm guessed.
		Title("Language / 语言").
		Description(p.Sprintf("The language cocvm speaks from now on, saved in its config.")).
		Options(opts...).
		Value(l)
}

// languageName is l as it names itself.
func languageName(l locale.Lang) string {
	for _, n := range languageNames {
		if n.lang == l {
			return n.name
		}
	}
	return string(l)
}

func (a *formAsker) language(ctx context.Context, def locale.Lang) (locale.Lang, error) {
	n := 1
	if def == locale.Chinese {
		n = 2
	}
	a.Describe(a.p().Sprintf("Press Enter to keep %s (%d).", languageName(def), n))
	l := def
	if err := a.run(ctx, languageField(a.p(), &l)); err != nil {
		return "", err
	}
	return l, nil
}

// methodDescription explains the sandbox under the first question.
func methodDescription(p *message.Printer) string {
	return p.Sprintf("The sandbox is a built-in copy of the COC-VM API: nothing real is created or charged.")
}

// methodField is the first question: sandbox, keys, or the JD Cloud CLI's
// profile when jdc is not nil. m holds the preselected answer.
func methodField(p *message.Printer, m *setupMethod, jdc *apiclient.JDCProfile) *huh.Select[setupMethod] {
	opts := []huh.Option[setupMethod]{
		huh.NewOption(p.Sprintf("Try the sandbox (no account needed)"), methodSandbox),
		huh.NewOption(p.Sprintf("Enter an access key and secret"), methodKeys),
	}
	if jdc != nil {
		opts = append(opts, huh.NewOption(p.Sprintf("Import profile %q from the JD Cloud CLI (~/.jdc/config)", jdc.Name), methodJDC))
	}
	return huh.NewSelect[setupMethod]().
		Title(p.Sprintf("How do you want to use cocvm?")).
		Description(methodDescription(p)).
		Options(opts...).
		Value(m)
}

func (a *formAsker) method(ctx context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error) {
	p := a.p()
	a.Describe(methodDescription(p))
	if def == methodKeys {
		a.Describe(p.Sprintf("Press Enter to enter keys again (2)."))
	} else {
		a.Describe(p.Sprintf("Press Enter to try the sandbox (1)."))
	}
	m := def
	if err := a.run(ctx, methodField(p, &m, jdc)); err != nil {
		return 0, err
	}
	return m, nil
}

// keyFields are the access key and secret key inputs bound to ak and sk
// (only the secret with secretOnly); hidden masks the secret as typed.
func keyFields(p *message.Printer, ak, sk *string, keepFor string, secretOnly, hidden bool) []huh.Field {
	akField := huh.NewInput().
		Title(p.Sprintf("Access key (AccessKey ID)")).
		Description(p.Sprintf("From the JD Cloud console: https://uc.jdcloud.com/accesskey/index")).
		Value(ak).
		Validate(func(s string) error {
			s = strings.TrimSpace(s)
			switch {
			case s == "" && strings.TrimSpace(*ak) == "":
				// In accessible mode an empty answer keeps the prefilled
				// access key, which ak still holds while validating.
				return errors.New(p.Sprintf("enter the access key"))
			case strings.ContainsAny(s, " \t"):
				return errors.New(p.Sprintf("an access key has no spaces"))
			}
			return nil
		})
	desc := p.Sprintf("Hidden as you type; it is kept only in cocvm's config, readable only by you.")
	if keepFor != "" {
		desc = p.Sprintf("Hidden as you type. Leave empty to keep the secret saved for %s.", keepFor)
	}
	skTitle := p.Sprintf("Secret key (AccessKey secret)")
	if secretOnly {
		skTitle = p.Sprintf("Secret key of %s", *ak)
	}
	skField := huh.NewInput().
		Key(prompt.SecretKey).
		Title(skTitle).
		Description(desc).
		Value(sk).
		Validate(func(s string) error {
			if strings.TrimSpace(s) != "" {
				return nil
			}
			if keepFor != "" && strings.TrimSpace(*ak) == keepFor {
				return nil
			}
			return errors.New(p.Sprintf("enter the secret key"))
		})
	if hidden {
		skField = skField.EchoMode(huh.EchoModePassword)
	}
	if secretOnly {
		return []huh.Field{skField}
	}
	return []huh.Field{akField, skField}
}

func (a *formAsker) keys(ctx context.Context, ak, keepFor string, secretOnly bool) (apiclient.Credentials, error) {
	p := a.p()
	var sk string
	hidden := a.HidesSecrets()
	fields := keyFields(p, &ak, &sk, keepFor, secretOnly, hidden)
	if !secretOnly {
		a.Describe(p.Sprintf("Keys are made in the JD Cloud console: https://uc.jdcloud.com/accesskey/index"))
		if ak != "" {
			a.Describe(p.Sprintf("Press Enter to keep the access key %s.", ak))
		}
	}
	if a.Accessible() && a.HidesSecrets() {
		a.Describe(p.Sprintf("The secret key is not shown as you type it."))
	}
	if keepFor != "" {
		a.Describe(p.Sprintf("An empty secret key keeps the one saved for %s.", keepFor))
	}
	if err := a.run(ctx, fields...); err != nil {
		return apiclient.Credentials{}, err
	}
	return apiclient.Credentials{AccessKey: strings.TrimSpace(ak), SecretKey: strings.TrimSpace(sk)}, nil
}

// regionOption is a region as the list shows it: its id, then its name in
// the console's words (the Chinese name; in English, the city too).
func regionOption(p *message.Printer, r apiclient.Region) string {
	if locale.LangOf(p) == locale.Chinese {
		return fmt.Sprintf("%-16s %s", r.ID, r.Name)
	}
	return fmt.Sprintf("%-16s %s (%s)", r.ID, r.Name, r.EnglishName)
}

func (a *formAsker) region(ctx context.Context, def string) (string, error) {
	p := a.p()
	var opts []huh.Option[string]
	for _, r := range apiclient.Regions() {
		opts = append(opts, huh.NewOption(regionOption(p, r), r.ID))
	}
	a.Describe(p.Sprintf("Press Enter for %s.", def))
	v := def
	sel := huh.NewSelect[string]().
		Title(p.Sprintf("Default region")).
		Description(p.Sprintf("Where the wizard starts; every create can choose another.")).
		Options(opts...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) zone(ctx context.Context, r apiclient.Region, def string) (string, error) {
	p := a.p()
	a.Describe(p.Sprintf("Press Enter for %s.", def))
	v := def
	sel := huh.NewSelect[string]().
		Title(p.Sprintf("Default availability zone in %s", r.ID)).
		Options(huh.NewOptions(r.Zones...)...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) afterFailedCheck(ctx context.Context, secretWrong bool) (afterCheck, error) {
	p := a.p()
	again := p.Sprintf("Enter the keys again")
	if secretWrong {
		again = p.Sprintf("Enter the secret key again")
	}
	v := checkReenter
	sel := huh.NewSelect[afterCheck]().
		Title(p.Sprintf("What now?")).
		Options(
			huh.NewOption(again, checkReenter),
			huh.NewOption(p.Sprintf("Save them anyway"), checkSaveAnyway),
			huh.NewOption(p.Sprintf("Cancel: save nothing"), checkCancel),
		).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return 0, err
	}
	return v, nil
}
