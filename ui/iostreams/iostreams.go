// Package iostreams is where a command reads and writes: stdin, stdout and
// stderr, whether each is a terminal, how wide that terminal is, and
// whether colour goes to it (after cli/cli's iostreams).
//
// Colour is decided per stream, never in lipgloss's global state: every
// style is made from the renderer of the stream it is written to
// (Renderer for stdout, ErrRenderer for stderr), so tests and commands that
// run side by side cannot turn each other's colours on or off.
//
// Nothing here knows about cocvm's screens; every package under ui may
// import it.
package iostreams

import (
	"io"
	"os"
	"sync"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
)

// IOStreams is where a command reads and writes, and whether each end is a
// terminal. Tests build one over buffers: a buffer is never coloured.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY  bool
	OutTTY bool

	mu       sync.Mutex
	noColor  bool
	out, err *lipgloss.Renderer
}

// System returns the process's standard streams.
func System() *IOStreams {
	return &IOStreams{
		In:     os.Stdin,
		Out:    os.Stdout,
		ErrOut: os.Stderr,
		InTTY:  isTerminal(os.Stdin),
		OutTTY: isTerminal(os.Stdout),
	}
}

// Interactive reports whether full-screen prompts can be shown.
func (s *IOStreams) Interactive() bool { return s.InTTY && s.OutTTY }

// DisableColor turns colour off on every stream (NO_COLOR, --no-color).
func (s *IOStreams) DisableColor() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noColor = true
	for _, r := range []*lipgloss.Renderer{s.out, s.err} {
		if r != nil {
			r.SetColorProfile(termenv.Ascii)
		}
	}
}

// Renderer is the lipgloss renderer of stdout: styles made from it colour
// only what a colour terminal will show.
func (s *IOStreams) Renderer() *lipgloss.Renderer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == nil {
		s.out = s.renderer(s.Out)
	}
	return s.out
}

// ErrRenderer is the lipgloss renderer of stderr.
func (s *IOStreams) ErrRenderer() *lipgloss.Renderer {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = s.renderer(s.ErrOut)
	}
	return s.err
}

func (s *IOStreams) renderer(w io.Writer) *lipgloss.Renderer {
	if w == nil {
		w = io.Discard
	}
	r := lipgloss.NewRenderer(w)
	if s.noColor {
		r.SetColorProfile(termenv.Ascii)
	}
	return r
}

// TerminalWidth is the width of the terminal on stdout, or 0 when stdout is
// not a terminal (then text is not wrapped).
func (s *IOStreams) TerminalWidth() int {
	f, ok := s.Out.(interface{ Fd() uintptr })
	if !ok || !s.OutTTY {
		return 0
	}
	w, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return w
}

// InputFd is the file descriptor of stdin when stdin is a terminal: what a
// hidden prompt reads from, and puts back after.
func (s *IOStreams) InputFd() (uintptr, bool) {
	f, ok := s.In.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0, false
	}
	return f.Fd(), true
}

// Plain returns a renderer that never colours, for screens drawn to be read
// back (tests, goldens).
func Plain() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}
