package apiclient

import "fmt"

// Text is words for a person, in English, that remember how they were
// made: Format is the English source string (the key of ui/locale's
// catalogue) and Args fill it. The packages below ui (this one, wizard,
// wizard/body, presets) may not import ui, so they say what a person reads
// as a Text, or as an error made by Errorf, and ui puts it in the person's
// language when it shows it (locale.Say). It lives here because apiclient
// is the one package all of them import.
//
// Machine output (-o json, the journal, the sandbox's answers) uses
// String, the English text, and never changes with the language.
type Text struct {
	Format string
	Args   []any
}

// T is the Text of format and args, formatted as fmt.Sprintf would. The
// format must be a literal: the catalogue test reads it from the source.
func T(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String is the text in English.
func (t Text) String() string {
	if len(t.Args) == 0 {
		return t.Format
	}
	return fmt.Sprintf(t.Format, t.Args...)
}

// IsZero reports whether t says nothing.
func (t Text) IsZero() bool { return t.Format == "" }

// TextError is an error whose message is a Text. Args that are errors are
// its wrapped errors (errors.Is and errors.As see them): write them with
// %v, since neither fmt.Sprintf nor a catalogue printer knows %w.
type TextError struct{ Text Text }

// Errorf returns an error whose message is T(format, args...).
func Errorf(format string, args ...any) error {
	return &TextError{Text: Text{Format: format, Args: args}}
}

func (e *TextError) Error() string { return e.Text.String() }

// Unwrap returns the errors among the arguments.
func (e *TextError) Unwrap() []error {
	var errs []error
	for _, a := range e.Text.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}
