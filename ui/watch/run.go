package watch

import (
	"context"
	"errors"
	"fmt"

	"github.com/cocvm/cocvm/apiclient"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/iostreams"
)

// RunPanel runs m as a program of its own (`cocvm watch` in a terminal):
// it ends once every instance settled (with Options.ExitWhenSettled), or on
// q or Ctrl-C, and prints the outcome (or how to resume) where the panel
// was.
func RunPanel(ctx context.Context, ios *iostreams.IOStreams, m *Panel) (Outcome, Summary, error) {
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(ios.Out)}
	if ios.InTTY {
		opts = append(opts, tea.WithInput(ios.In))
	} else {
		// No keyboard: Ctrl-C arrives as SIGINT, which the program and the
		// command's context both turn into a stop.
		opts = append(opts, tea.WithInput(nil))
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if fm, ok := final.(*Panel); ok && fm != nil {
		m = fm
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) {
		return SomeFailed, m.Summary(), apiclient.Errorf("the status panel: %v", err)
	}
	if err != nil && !m.Done() {
		// Killed from outside (the context, SIGINT) before it finished.
		m.finished, m.interrupted = true, true
	}
	fmt.Fprint(ios.Out, m.Farewell())
	return m.Outcome(), m.Summary(), nil
}
