package ui

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IOStreams is where a command reads and writes, and whether each end is a
// terminal. Tests build one over buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY  bool
	OutTTY bool
}

// SystemIO returns the process's standard streams.
func SystemIO() *IOStreams {
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

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}
