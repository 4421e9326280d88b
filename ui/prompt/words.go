package prompt

import (
	"strings"

	"github.com/cocvm/cocvm/ui/theme"

	"io"
	"regexp"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/ui/locale"
)

// KeyMap is huh's default key map with its help in p's language: the
// footer of a full-screen form ("enter submit"). The keys stay as they are;
// the file picker, which cocvm does not use, keeps huh's words.
func KeyMap(p *message.Printer) *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	if locale.LangOf(p) == locale.English {
		return k
	}
	say := func(b *key.Binding, desc string) { *b = theme.Said(*b, desc) }

	say(&k.Input.AcceptSuggestion, p.Sprintf("complete"))
	say(&k.Input.Prev, p.Sprintf("back"))
	say(&k.Input.Next, p.Sprintf("next"))
	say(&k.Input.Submit, p.Sprintf("submit"))

	say(&k.Text.Prev, p.Sprintf("back"))
	say(&k.Text.Next, p.Sprintf("next"))
	say(&k.Text.Submit, p.Sprintf("submit"))
	say(&k.Text.NewLine, p.Sprintf("new line"))
	say(&k.Text.Editor, p.Sprintf("open editor"))

	s := &k.Select
	say(&s.Prev, p.Sprintf("back"))
	say(&s.Next, p.Sprintf("select"))
	say(&s.Submit, p.Sprintf("submit"))
	say(&s.Up, p.Sprintf("up"))
	say(&s.Down, p.Sprintf("down"))
	say(&s.Left, p.Sprintf("left"))
	say(&s.Right, p.Sprintf("right"))
	say(&s.Filter, p.Sprintf("filter"))
	say(&s.SetFilter, p.Sprintf("set filter"))
	say(&s.ClearFilter, p.Sprintf("clear filter"))
	say(&s.HalfPageUp, p.Sprintf("½ page up"))
	say(&s.HalfPageDown, p.Sprintf("½ page down"))
	say(&s.GotoTop, p.Sprintf("go to start"))
	say(&s.GotoBottom, p.Sprintf("go to end"))

	m := &k.MultiSelect
	say(&m.Prev, p.Sprintf("back"))
	say(&m.Next, p.Sprintf("confirm"))
	say(&m.Submit, p.Sprintf("submit"))
	say(&m.Toggle, p.Sprintf("toggle"))
	say(&m.Up, p.Sprintf("up"))
	say(&m.Down, p.Sprintf("down"))
	say(&m.Filter, p.Sprintf("filter"))
	say(&m.SetFilter, p.Sprintf("set filter"))
	say(&m.ClearFilter, p.Sprintf("clear filter"))
	say(&m.HalfPageUp, p.Sprintf("½ page up"))
	say(&m.HalfPageDown, p.Sprintf("½ page down"))
	say(&m.GotoTop, p.Sprintf("go to start"))
	say(&m.GotoBottom, p.Sprintf("go to end"))
	say(&m.SelectAll, p.Sprintf("select all"))
	say(&m.SelectNone, p.Sprintf("select none"))

	say(&k.Note.Prev, p.Sprintf("back"))
	say(&k.Note.Next, p.Sprintf("next"))
	say(&k.Note.Submit, p.Sprintf("submit"))

	c := &k.Confirm
	say(&c.Prev, p.Sprintf("back"))
	say(&c.Next, p.Sprintf("next"))
	say(&c.Submit, p.Sprintf("submit"))
	say(&c.Toggle, p.Sprintf("toggle"))
	say(&c.Accept, p.Sprintf("Yes"))
	say(&c.Reject, p.Sprintf("No"))

	return k
}

// huhWords is the output of huh's line prompts, with huh's own words (the
// number to enter, why an answer was refused) in p's language. huh writes
// each of them with one call, so a write is matched whole; anything else
// (the field's title and options, already in the person's language) passes
// as it is.
type huhWords struct {
	w io.Writer
	p *message.Printer
}

var (
	huhEnterNumber = regexp.MustCompile(`^Enter a number between (\d+) and (\d+): $`)
	huhOnlyOne     = "There is only one option available; enter the number 1:"
	huhNotBetween  = regexp.MustCompile(`^Invalid: must be a number between (\d+) and (\d+)\n$`)
	huhNotOne      = regexp.MustCompile(`^Invalid: must be (\d+)\n$`)
	huhTooLong     = regexp.MustCompile(`^Input cannot exceed (\d+) characters\n$`)
	huhSelectUpTo  = regexp.MustCompile(`^Select up to (\d+) options\.\n$`)
	huhTooMany     = regexp.MustCompile(`^You can't select more than (\d+) options\.\n$`)
	huhNotYesNo    = "invalid input. please try again\n"
	huhConfirmRow  = "0.   Confirm selection\n" // ends the options of a multi-select
)

func (h *huhWords) Write(b []byte) (int, error) {
	if locale.LangOf(h.p) == locale.English {
		return h.w.Write(b)
	}
	s, said := string(b), ""
	switch {
	case s == huhOnlyOne:
		said = h.p.Sprintf("There is only one option available; enter the number 1:")
	case huhEnterNumber.MatchString(s):
		m := huhEnterNumber.FindStringSubmatch(s)
		said = h.p.Sprintf("Enter a number between %s and %s: ", m[1], m[2])
	case huhNotBetween.MatchString(s):
		m := huhNotBetween.FindStringSubmatch(s)
		said = h.p.Sprintf("Invalid: must be a number between %s and %s", m[1], m[2]) + "\n"
	case huhNotOne.MatchString(s):
		said = h.p.Sprintf("Invalid: must be %s", huhNotOne.FindStringSubmatch(s)[1]) + "\n"
	case strings.HasSuffix(s, huhConfirmRow):
		said = strings.TrimSuffix(s, huhConfirmRow) + "0.   " + h.p.Sprintf("Done choosing") + "\n"
	case huhSelectUpTo.MatchString(s):
		said = h.p.Sprintf("Choose up to %s; enter a number to tick or untick it, 0 when done.", huhSelectUpTo.FindStringSubmatch(s)[1]) + "\n"
	case huhTooMany.MatchString(s):
		said = h.p.Sprintf("No more than %s can be chosen.", huhTooMany.FindStringSubmatch(s)[1]) + "\n"
	case s == huhNotYesNo:
		said = h.p.Sprintf("Answer y or n.") + "\n"
	case huhTooLong.MatchString(s):
		n, _ := strconv.Atoi(huhTooLong.FindStringSubmatch(s)[1])
		said = h.p.Sprintf("Input cannot exceed %d characters", n) + "\n"
	default:
		return h.w.Write(b)
	}
	if _, err := io.WriteString(h.w, said); err != nil {
		return 0, err
	}
	return len(b), nil
}
