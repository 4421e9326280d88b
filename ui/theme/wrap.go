package theme

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Chinese has no spaces to break at: Wrap breaks a line with wide
// characters between characters as well as at spaces (breakUnits, fill),
// and an English line only at spaces (wordwrap).
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
