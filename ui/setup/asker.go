package setup

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/prompt"
)

// formAsker asks setup's questions through a prompt.Asker: full-screen
// fields on a terminal, or huh's accessible line prompts with --accessible.
type formAsker struct {
	*prompt.Asker
}

func newFormAsker(ios *iostreams.IOStreams, accessible bool) *formAsker {
	return &formAsker{prompt.New(ios, accessible)}
}

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
	return fmt.Errorf("setup: %w", err)
}

// methodDescription explains the sandbox under the first question.
const methodDescription = "The sandbox is a built-in copy of the COC-VM API: nothing real is created or charged."

// methodField is the first question: sandbox, keys, or the JD Cloud CLI's
// profile when jdc is not nil. m holds the preselected answer.
func methodField(m *setupMethod, jdc *apiclient.JDCProfile) *huh.Select[setupMethod] {
	opts := []huh.Option[setupMethod]{
		huh.NewOption("Try the sandbox (no account needed)", methodSandbox),
		huh.NewOption("Enter an access key and secret", methodKeys),
	}
	if jdc != nil {
		opts = append(opts, huh.NewOption(fmt.Sprintf("Import profile %q from the JD Cloud CLI (~/.jdc/config)", jdc.Name), methodJDC))
	}
	return huh.NewSelect[setupMethod]().
		Title("How do you want to use cocvm?").
		Description(methodDescription).
		Options(opts...).
		Value(m)
}

func (a *formAsker) method(ctx context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error) {
	a.Describe(methodDescription)
	if def == methodKeys {
		a.Describe("Press Enter to enter keys again (2).")
	} else {
		a.Describe("Press Enter to try the sandbox (1).")
	}
	m := def
	if err := a.run(ctx, methodField(&m, jdc)); err != nil {
		return 0, err
	}
	return m, nil
}

// keyFields are the access key and secret key inputs bound to ak and sk
// (only the secret with secretOnly); hidden masks the secret as typed.
func keyFields(ak, sk *string, keepFor string, secretOnly, hidden bool) []huh.Field {
	akField := huh.NewInput().
		Title("Access key (AccessKey ID)").
		Description("From the JD Cloud console: https://uc.jdcloud.com/accesskey/index").
		Value(ak).
		Validate(func(s string) error {
			s = strings.TrimSpace(s)
			switch {
			case s == "" && strings.TrimSpace(*ak) == "":
				// In accessible mode an empty answer keeps the prefilled
				// access key, which ak still holds while validating.
				return errors.New("enter the access key")
			case strings.ContainsAny(s, " \t"):
				return errors.New("an access key has no spaces")
			}
			return nil
		})
	desc := "Hidden as you type; it is kept only in cocvm's config, readable only by you."
	if keepFor != "" {
		desc = "Hidden as you type. Leave empty to keep the secret saved for " + keepFor + "."
	}
	skTitle := "Secret key (AccessKey secret)"
	if secretOnly {
		skTitle = "Secret key of " + *ak
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
			return errors.New("enter the secret key")
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
	var sk string
	hidden := a.HidesSecrets()
	fields := keyFields(&ak, &sk, keepFor, secretOnly, hidden)
	if !secretOnly {
		a.Describe("Keys are made in the JD Cloud console: https://uc.jdcloud.com/accesskey/index")
		if ak != "" {
			a.Describe("Press Enter to keep the access key " + ak + ".")
		}
	}
	if a.Accessible() && a.HidesSecrets() {
		a.Describe("The secret key is not shown as you type it.")
	}
	if keepFor != "" {
		a.Describe("An empty secret key keeps the one saved for " + keepFor + ".")
	}
	if err := a.run(ctx, fields...); err != nil {
		return apiclient.Credentials{}, err
	}
	return apiclient.Credentials{AccessKey: strings.TrimSpace(ak), SecretKey: strings.TrimSpace(sk)}, nil
}

func (a *formAsker) region(ctx context.Context, def string) (string, error) {
	var opts []huh.Option[string]
	for _, r := range apiclient.Regions() {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%-16s %s (%s)", r.ID, r.Name, r.EnglishName), r.ID))
	}
	a.Describe("Press Enter for " + def + ".")
	v := def
	sel := huh.NewSelect[string]().
		Title("Default region").
		Description("Where the wizard starts; every create can choose another.").
		Options(opts...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) zone(ctx context.Context, r apiclient.Region, def string) (string, error) {
	a.Describe("Press Enter for " + def + ".")
	v := def
	sel := huh.NewSelect[string]().
		Title("Default availability zone in " + r.ID).
		Options(huh.NewOptions(r.Zones...)...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) afterFailedCheck(ctx context.Context, secretWrong bool) (afterCheck, error) {
	again := "Enter the keys again"
	if secretWrong {
		again = "Enter the secret key again"
	}
	v := checkReenter
	sel := huh.NewSelect[afterCheck]().
		Title("What now?").
		Options(
			huh.NewOption(again, checkReenter),
			huh.NewOption("Save them anyway", checkSaveAnyway),
			huh.NewOption("Cancel: save nothing", checkCancel),
		).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return 0, err
	}
	return v, nil
}
