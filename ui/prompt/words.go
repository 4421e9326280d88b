package prompt

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// KeyMap is huh's default key map with its help in p's language: the
// footer of a full-screen form ("enter submit"). The keys stay as they are;
// the file picker, which cocvm does not use, keeps huh's words.
func KeyMap(p *message.Printer) *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	if locale.LangOf(p) == locale.English {
		return k
	}
	say := func(b *key.Binding, desc string) { b.SetHelp(b.Help().Key, desc) }

	say(&k.Input.AcceptSuggestion, p.Sprintf("complete"))
	say(&k.Input.Prev, p.Sprintf("back"))
	say(&k.Input.Next, p.Sprintf("next"))
	say(&k.Input.Submit, p.Sprintf("submit"))

	say(&k.Text.Prev, p.Sprintf("back"))
	say(&k.Text.Next, p.Sprintf("next"))
	say(&k.Text.Submit, p.Sprintf("submit"))
	say(&k.Text.NewLine, p.Sprintf("new line"))
	say(&k.Text.Editor, p.Sprintf("open editor"))

	for _, s := range []*huh.SelectKeyMap{&k.Select} {
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
	}

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

// Wrap is theme.Wrap for text that may be Chinese: a line still wider than
// width (Chinese has no spaces to break at) is broken between characters
// as well as at spaces, by display cells, keeping the indent of its
// continuation lines; a closing mark never starts a line, an opening one
// never ends one, and a word, id or path is broken only when it is wider
// than a line.
func Wrap(s string, width int) string {
	s = theme.Wrap(s, width)
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= width || !hasWide(line) {
			// English lines are theme.Wrap's alone.
			continue
		}
		// The prefix (leading spaces, or a one-cell mark and a space)
		// starts the first line; the others are indented as wide.
		prefix, body := "", line
		if trimmed := strings.TrimLeft(line, " "); len(trimmed) < len(line) {
			prefix, body = line[:len(line)-len(trimmed)], trimmed
		} else if mark, after, ok := strings.Cut(line, " "); ok && ansi.StringWidth(mark) == 1 {
			prefix, body = mark+" ", after
		}
		indent := ansi.StringWidth(prefix)
		if indent > width/2 {
			prefix, body, indent = "", line, 0
		}
		pieces := fill(breakUnits(body), width-indent)
		for j := range pieces {
			if j == 0 {
				pieces[j] = prefix + pieces[j]
			} else {
				pieces[j] = strings.Repeat(" ", indent) + strings.TrimLeft(pieces[j], " ")
			}
		}
		lines[i] = strings.Join(pieces, "\n")
	}
	return strings.Join(lines, "\n")
}

// hasWide reports whether s has a character two cells wide (Chinese).
func hasWide(s string) bool {
	for _, r := range s {
		if r >= 0x1100 && ansi.StringWidth(string(r)) == 2 {
			return true
		}
	}
	return false
}

// closers are the marks that may not start a line of Chinese, openers
// those that may not end one.
const (
	closers = "，。、：；！？）》」』”’"
	openers = "（《「『“‘"
)

// breakUnits cuts a line into what may not be broken: a run of narrow
// characters (a word, an id, a path, an escape sequence), one wide
// character (with the closing marks after it and the opening marks before
// it), or a space.
func breakUnits(line string) []string {
	var units []string
	var run strings.Builder
	glue := false // the last unit ends with an opening mark
	flush := func() {
		if run.Len() > 0 {
			units = append(units, run.String())
			run.Reset()
		}
	}
	for _, r := range line {
		switch {
		case r == ' ':
			flush()
			units = append(units, " ")
			glue = false
		case ansi.StringWidth(string(r)) == 2:
			if strings.ContainsRune(closers, r) {
				if run.Len() > 0 {
					run.WriteRune(r)
					flush()
					continue
				}
				if n := len(units); n > 0 && units[n-1] != " " {
					units[n-1] += string(r)
					continue
				}
			}
			flush()
			if n := len(units); glue && n > 0 {
				units[n-1] += string(r)
			} else {
				units = append(units, string(r))
			}
			glue = strings.ContainsRune(openers, r)
		default:
			if n := len(units); run.Len() == 0 && glue && n > 0 {
				run.WriteString(units[n-1])
				units = units[:n-1]
			}
			glue = false
			run.WriteRune(r)
		}
	}
	flush()
	return units
}

// fill sets units on lines of at most width cells, breaking between
// units (a space at a break is dropped), and inside a unit only when it is
// wider than a line.
func fill(units []string, width int) []string {
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, u := range units {
		w := ansi.StringWidth(u)
		if u == " " && curW == 0 {
			continue
		}
		if curW+w > width && curW > 0 {
			lines = append(lines, strings.TrimRight(cur.String(), " "))
			cur.Reset()
			curW = 0
			if u == " " {
				continue
			}
		}
		if w > width {
			parts := strings.Split(ansi.Hardwrap(u, width, true), "\n")
			lines = append(lines, parts[:len(parts)-1]...)
			u, w = parts[len(parts)-1], ansi.StringWidth(parts[len(parts)-1])
		}
		cur.WriteString(u)
		curW += w
	}
	return append(lines, strings.TrimRight(cur.String(), " "))
}
