// Package prompt asks questions with huh: full-screen fields on a
// terminal, or huh's accessible line prompts (--accessible, ACCESSIBLE),
// one line per answer so that piped answers reach every prompt, with a
// secret read with echo off on a terminal. The first-time setup and the
// wizard's accessible mode both ask through an Asker.
//
// Ctrl-C (a cancelled context: the process catches SIGINT) ends any prompt
// with ErrAborted, even while a read is waiting; input that ends before a
// prompt got its answer is ErrInputEnded. Callers word both for the person.
package prompt

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/term"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// ErrAborted is returned when the person cancels (Ctrl-C, or Esc in a
// full-screen form).
var ErrAborted = apiclient.Errorf("cancelled")

// ErrInputEnded is returned when the input ends before a prompt got an
// answer.
var ErrInputEnded = apiclient.Errorf("the input ended before every question was answered")

// SecretKey is the key of an input that holds a secret: in accessible mode
// on a terminal it is read with echo off.
const SecretKey = "secret"

// Asker asks questions on a set of streams.
type Asker struct {
	ios        *iostreams.IOStreams
	accessible bool
	theme      *huh.Theme
	in         *LineReader // accessible mode's input
	width      int         // terminal width for Describe, 0 when unknown
	p          *message.Printer
	keys       *huh.KeyMap // huh's key help in p's language

	// ttyFd and ttyState put the terminal back after a cancelled hidden
	// prompt (term.ReadPassword switches echo off until it returns).
	ttyFd    uintptr
	ttyState *term.State
}

// New returns an Asker on ios: full-screen forms, or accessible line
// prompts, speaking English until WithPrinter.
func New(ios *iostreams.IOStreams, accessible bool) *Asker {
	a := &Asker{ios: ios, accessible: accessible, theme: theme.Huh(ios.Renderer()), width: ios.TerminalWidth()}
	a.WithPrinter(nil)
	if accessible {
		a.theme = huh.ThemeBase()
		a.in = NewLineReader(ios.In)
		if fd, ok := ios.InputFd(); ok {
			if st, err := term.GetState(fd); err == nil {
				a.ttyFd, a.ttyState = fd, st
			}
		}
	}
	return a
}

// WithPrinter makes a speak p's language (nil is English) from the next
// question on: huh's key help under a form, and huh's own words in a line
// prompt (which number to enter, why an answer was refused). The fields'
// titles, descriptions and options are the caller's to translate.
func (a *Asker) WithPrinter(p *message.Printer) *Asker {
	if p == nil {
		p = locale.Printer(locale.English)
	}
	a.p, a.keys = p, KeyMap(p)
	return a
}

// Printer is the printer a speaks through.
func (a *Asker) Printer() *message.Printer { return a.p }

// Accessible reports whether the Asker uses line prompts.
func (a *Asker) Accessible() bool { return a.accessible }

// HidesSecrets reports whether a secret (an input keyed SecretKey) is read
// without echo: always in a full-screen form, on a terminal in accessible
// mode. Off a terminal nothing echoes the input, and huh could not switch
// echo off there anyway.
func (a *Asker) HidesSecrets() bool { return !a.accessible || a.ttyState != nil }

// Restore puts the terminal back after what an interrupted hidden prompt
// left behind.
func (a *Asker) Restore() {
	if a.ttyState != nil {
		_ = term.Restore(a.ttyFd, a.ttyState)
	}
}

// Describe prints text (wrapped to the terminal) in accessible mode, where
// huh's line prompts show only a field's title.
func (a *Asker) Describe(text string) {
	if a.accessible {
		fmt.Fprintln(a.ios.Out, theme.Wrap(text, a.width))
	}
}

// Run asks the fields: one full-screen form, or in accessible mode each
// field's line prompt in turn.
func (a *Asker) Run(ctx context.Context, fields ...huh.Field) error {
	if ctx.Err() != nil {
		return ErrAborted
	}
	if !a.accessible {
		form := huh.NewForm(huh.NewGroup(fields...)).
			WithTheme(a.theme).
			WithKeyMap(a.keys).
			WithShowHelp(true).
			WithInput(a.ios.In).
			WithOutput(a.ios.Out)
		err := form.RunWithContext(ctx)
		switch {
		case ctx.Err() != nil, errors.Is(err, huh.ErrUserAborted):
			return ErrAborted
		case err != nil:
			return err
		}
		return nil
	}
	for _, fld := range fields {
		if err := a.runLine(ctx, fld); err != nil {
			return err
		}
	}
	return nil
}

// runLine runs one field's line prompt. The prompt reads aside so that
// Ctrl-C ends it even while a read is waiting.
func (a *Asker) runLine(ctx context.Context, fld huh.Field) error {
	fld.WithTheme(a.theme)
	fld.Init()
	fld.Focus()
	var in io.Reader = a.in
	if inp, ok := fld.(*huh.Input); ok && a.ttyState != nil && inp.GetKey() == SecretKey {
		// term.ReadPassword reads the terminal itself.
		in = a.ios.In
	}
	a.in.Mark()
	done := make(chan error, 1)
	out := &huhWords{w: a.ios.Out, p: a.p}
	go func() { done <- fld.RunAccessible(out, in) }()
	select {
	case <-ctx.Done():
		fmt.Fprintln(a.ios.Out)
		return ErrAborted
	case err := <-done:
		if err != nil {
			return err
		}
	}
	if _, isNote := fld.(*huh.Note); !isNote && a.in.EndedSinceMark() {
		return ErrInputEnded
	}
	return nil
}

// LineReader gives out its input one line per Read. huh's accessible
// prompts wrap the reader in a fresh bufio.Scanner for every prompt; a
// Scanner reading a pipe would swallow the answers to later prompts.
type LineReader struct {
	r       *bufio.Reader
	pending []byte
	ended   bool // the input has ended
	given   int  // bytes given out since Mark
}

// NewLineReader reads r one line at a time.
func NewLineReader(r io.Reader) *LineReader { return &LineReader{r: bufio.NewReader(r)} }

// Read gives out at most the rest of one line.
func (l *LineReader) Read(p []byte) (int, error) {
	if len(l.pending) == 0 {
		line, err := l.r.ReadBytes('\n')
		if len(line) == 0 {
			if errors.Is(err, io.EOF) {
				l.ended = true
			}
			return 0, err
		}
		l.pending = line
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	l.given += n
	return n, nil
}

// Mark starts watching for input ending before one prompt got an answer.
func (l *LineReader) Mark() { l.given = 0 }

// EndedSinceMark reports whether the input ended with nothing read since
// Mark: the prompt got no answer at all.
func (l *LineReader) EndedSinceMark() bool { return l.ended && l.given == 0 }
