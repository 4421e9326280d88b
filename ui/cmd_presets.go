package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
	"github.com/cocvm/cocvm/wizard/body"
)

func newPresetsCmd(env *Env) *cobra.Command {
	p := env.P
	cmd := &cobra.Command{
		Use:   "presets",
		Short: p.Sprintf("List, show, delete, export and import presets"),
		Long: p.Sprintf("A preset is a named, reusable set of choices for `cocvm create --preset NAME`:\n"+
			"everything a request needs except the password. Save one from the wizard's review\n"+
			"screen with `s`, or import one with `cocvm presets import FILE`.\n"+
			"Presets live in %s.", presets.PresetsDir()),
		Args: subcommandArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newPresetsListCmd(env),
		newPresetsShowCmd(env),
		newPresetsDeleteCmd(env),
		newPresetsExportCmd(env),
		newPresetsImportCmd(env),
	)
	return cmd
}

// subcommandArgs refuses a word that is not one of the command's
// subcommands (cobra would otherwise print the help and exit 0).
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return usageError("unknown command %q for %q; use one of: %s", args[0], cmd.CommandPath(), strings.Join(names, ", "))
}

// argsBetween checks the number of arguments, as a usage error naming the
// command's synopsis.
func argsBetween(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= lo && len(args) <= hi {
			return nil
		}
		return usageError("%s takes %v; usage: %s", cmd.CommandPath(), argCount(lo, hi), cmd.UseLine())
	}
}

func argCount(lo, hi int) apiclient.Text {
	switch {
	case lo == hi && lo == 0:
		return apiclient.T("no arguments")
	case lo == hi && lo == 1:
		return apiclient.T("one argument")
	case lo == hi:
		return apiclient.T("%s arguments", strconv.Itoa(lo))
	}
	return apiclient.T("%s to %s arguments", strconv.Itoa(lo), strconv.Itoa(hi))
}

// presetNameArg checks a preset name given on the command line.
func presetNameArg(name string) error {
	if err := presets.ValidateName(name); err != nil {
		return usageError("%v", err)
	}
	return nil
}

func newPresetsListCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: env.P.Sprintf("List the presets: name, region, zone, type, image, count, last saved"),
		Args:  argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPresetsList(env)
		},
	}
}

func runPresetsList(env *Env) error {
	store := presets.DefaultStore()
	list, errs := store.List()
	pr := env.P
	if len(list) > 0 {
		rows := [][]string{{pr.Sprintf("NAME"), pr.Sprintf("REGION"), pr.Sprintf("ZONE"), pr.Sprintf("TYPE"), pr.Sprintf("IMAGE"), pr.Sprintf("COUNT"), pr.Sprintf("UPDATED")}}
		for _, p := range list {
			d := p.Draft
			count := d.Count
			if count == 0 {
				count = 1 // the documented default of maxCount
			}
			updated := "-"
			if !p.Updated.IsZero() {
				updated = p.Updated.Local().Format("2006-01-02 15:04")
			}
			rows = append(rows, []string{p.Name, theme.OrDash(d.Region), theme.OrDash(d.Spec.Az),
				theme.OrDash(d.Spec.InstanceType), theme.OrDash(d.Spec.ImageID), strconv.Itoa(count), updated})
		}
		out := columns(rows, 2)
		if env.IO.OutTTY {
			head, rest, _ := strings.Cut(out, "\n")
			out = theme.NewStyles(env.IO.Renderer()).Header.Render(head) + "\n" + rest
		}
		fmt.Fprint(env.IO.Out, out)
	}
	for _, err := range errs {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+locale.Say(pr, err))
	}
	if len(list) == 0 && len(errs) == 0 {
		fmt.Fprintln(env.IO.Out, pr.Sprintf("No presets yet. Save one from the wizard's review screen with `s`,\nor import one with `cocvm presets import FILE`."))
	}
	if len(errs) > 0 {
		// The readable presets are listed; the exit status still tells a
		// script that some file needs fixing.
		return exitCode(ExitFailed)
	}
	return nil
}

// dash stands in for an empty table cell.
func newPresetsShowCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: env.P.Sprintf("Print the request body a preset produces (password masked)"),
		Long: env.P.Sprintf("Print the createInstances body the preset produces, as JSON on stdout; the region\n" +
			"and other notes go to stderr, so the output can be piped to jq. A count above 100\n" +
			"is sent as several requests: each body is printed."),
		Args: argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresetsShow(env, args[0])
		},
	}
}

func runPresetsShow(env *Env, name string) error {
	if err := presetNameArg(name); err != nil {
		return err
	}
	p, err := presets.DefaultStore().Load(name)
	if err != nil {
		return err
	}
	d := p.ToDraft()
	pr := env.P
	fmt.Fprintln(env.IO.ErrOut, pr.Sprintf("Preset %q · region %s", p.Name, describeRegion(pr, d.Region)))
	if p.Description != "" {
		fmt.Fprintln(env.IO.ErrOut, p.Description)
	}
	reqs := wizard.Build(d)
	if len(reqs) > 1 {
		fmt.Fprintln(env.IO.ErrOut, pr.Sprintf("%d instances are sent as %d requests of at most %d (creating adds a clientToken to each):",
			d.Count, len(reqs), wizard.MaxCountPerRequest))
	}
	for i, req := range reqs {
		if len(reqs) > 1 {
			fmt.Fprintln(env.IO.ErrOut, pr.Sprintf("request %d of %d (maxCount %d):", i+1, len(reqs), req.MaxCount))
		}
		if _, err := env.IO.Out.Write(wizard.Marshal(wizard.Redact(req))); err != nil {
			return err
		}
	}
	return nil
}

// describeRegion is a region id with its catalogue name, or a note when the
// preset has none (an imported body does not say its region).
func describeRegion(p *message.Printer, id string) string {
	if id == "" {
		return p.Sprintf("not set (give --region when creating from it)")
	}
	if r, ok := apiclient.LookupRegion(id); ok {
		return p.Sprintf("%s (%s, %s)", r.ID, r.Name, r.EnglishName)
	}
	return id
}

func newPresetsDeleteCmd(env *Env) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: env.P.Sprintf("Delete a preset (asks first unless --yes)"),
		Args:  argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresetsDelete(cmd.Context(), env, args[0], yes)
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, env.P.Sprintf("delete without asking"))
	return cmd
}

func runPresetsDelete(ctx context.Context, env *Env, name string, yes bool) error {
	if err := presetNameArg(name); err != nil {
		return err
	}
	store := presets.DefaultStore()
	if !store.Exists(name) {
		// Delete words the error (and names `presets list`).
		return store.Delete(name)
	}
	if !yes {
		if !env.IO.Interactive() {
			return usageError("not deleting preset %q: there is no terminal to ask on; add --yes to delete it", name)
		}
		ok, err := askYesNo(ctx, env.IO, env.P.Sprintf("Delete preset %s? (y/N) ", name))
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Kept preset %q.", name))
			return nil
		}
	}
	if err := store.Delete(name); err != nil {
		return err
	}
	fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Deleted preset %q.", name))
	return nil
}

// askYesNo asks a question on the terminal; only "y" or "yes" is yes. A
// Ctrl-C arrives as a cancelled context (the process catches SIGINT), not
// as a failed read, so the read runs aside and ctx is watched too.
func askYesNo(ctx context.Context, ios *iostreams.IOStreams, question string) (bool, error) {
	fmt.Fprint(ios.ErrOut, question)
	type answer struct {
		line string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		line, err := bufio.NewReader(ios.In).ReadString('\n')
		got <- answer{line, err}
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(ios.ErrOut)
		return false, ctx.Err()
	case a := <-got:
		if a.err != nil && a.line == "" {
			fmt.Fprintln(ios.ErrOut)
			if errors.Is(a.err, io.EOF) {
				return false, nil
			}
			return false, a.err
		}
		switch strings.ToLower(strings.TrimSpace(a.line)) {
		case "y", "yes":
			return true, nil
		}
		return false, nil
	}
}

func newPresetsExportCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "export NAME [FILE]",
		Short: env.P.Sprintf("Write a preset as JSON to stdout or FILE"),
		Long: env.P.Sprintf("Write the preset as JSON (no password, no clientToken) to stdout, or to FILE.\n" +
			"`cocvm presets import` reads it back, on this machine or another."),
		Args: argsBetween(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := ""
			if len(args) == 2 {
				file = args[1]
			}
			return runPresetsExport(env, args[0], file)
		},
	}
}

func runPresetsExport(env *Env, name, file string) error {
	if err := presetNameArg(name); err != nil {
		return err
	}
	p, err := presets.DefaultStore().Load(name)
	if err != nil {
		return err
	}
	data := presets.Export(p)
	if file == "" || file == "-" {
		_, err := env.IO.Out.Write(data)
		return err
	}
	// A preset holds no secret, but it does describe a person's
	// infrastructure: private, like everything else cocvm writes.
	if err := presets.WriteFileAtomic(file, data, 0o600); err != nil {
		return err
	}
	fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Exported preset %q to %s.", name, file))
	return nil
}

func newPresetsImportCmd(env *Env) *cobra.Command {
	var name string
	var force bool
	cmd := &cobra.Command{
		Use:   "import FILE|-",
		Short: env.P.Sprintf("Import a preset export, or a plain createInstances body, as a preset"),
		Long: env.P.Sprintf("Import our own export (`cocvm presets export`) or a plain createInstances request\n" +
			"body, from FILE or from stdin (-). A password in the file is dropped: presets never\n" +
			"hold one. A body has no name of its own: give one with --name."),
		Args: argsBetween(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresetsImport(env, args[0], name, force)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", env.P.Sprintf("name of the new preset (default: the name in the export)"))
	cmd.Flags().BoolVar(&force, "force", false, env.P.Sprintf("replace a preset of the same name"))
	return cmd
}

func runPresetsImport(env *Env, file, name string, force bool) error {
	if name != "" {
		if err := presetNameArg(name); err != nil {
			return err
		}
	}
	source := file
	var r io.Reader
	if file == "-" {
		source, r = "stdin", env.IO.In
	} else {
		f, err := os.Open(file)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return apiclient.Errorf("cannot import %s: no such file", file)
			}
			return apiclient.Errorf("cannot import: %v", err)
		}
		defer f.Close()
		r = f
	}
	// ImportFrom stops reading past 1 MiB.
	p, warnings, err := presets.ImportFrom(r, name)
	if errors.Is(err, body.ErrTooLarge) {
		return apiclient.Errorf("%s is larger than %d MiB: not a preset or a request body", source, body.MaxSize>>20)
	}
	if err != nil {
		return apiclient.Errorf("%s: %v", source, err)
	}
	store := presets.DefaultStore()
	if store.Exists(p.Name) && !force {
		return apiclient.Errorf("a preset named %q already exists: add --force to replace it, or --name to import under another name", p.Name)
	}
	env.warn(warnings)
	if err := store.Save(p); err != nil {
		return err
	}
	fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Imported preset %q (%s). Use it with: cocvm create --preset %s", p.Name, store.Path(p.Name), p.Name))
	return nil
}
