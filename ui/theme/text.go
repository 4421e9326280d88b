package theme

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// OrDash is s, or an em dash when s is empty.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// FirstNonEmpty is the first of vals that is not blank, trimmed; "" when
// all are.
func FirstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// FirstLine is s up to its first line break.
func FirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// PadRight pads s with spaces to width cells (never truncates).
func PadRight(s string, width int) string {
	w := CellWidth(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

// PadLeft right-aligns s in width cells.
func PadLeft(s string, width int) string {
	w := CellWidth(s)
	if w >= width {
		return s
	}
	return strings.Repeat(" ", width-w) + s
}

// Truncate cuts s to width cells with an ellipsis.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// CellWidth is the display width of s, without parsing plain ASCII.
func CellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0x1b {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// IndentLines puts prefix before every line of s.
func IndentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// FitHeight pads or cuts s to exactly h lines.
func FitHeight(s string, h int) string {
	if h < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Wrap word-wraps each line of s to width (0: leave it alone), indenting
// continuation lines like the line's text: past its leading spaces, or
// past a leading mark such as "✓ ". Lines break only at spaces, never
// inside "cn-hongkong-11" or a URL; a word longer than the line gets a
// line of its own. A line of Chinese also breaks between its characters,
// never before a closing mark or after an opening one.
func Wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if ansi.StringWidth(line) <= width {
			continue
		}
		// The prefix (leading spaces, or a one-cell mark and a space) starts
		// the first line; continuation lines are indented as wide.
		prefix, rest := "", line
		if trimmed := strings.TrimLeft(line, " "); len(trimmed) < len(line) {
			prefix, rest = line[:len(line)-len(trimmed)], trimmed
		} else if mark, after, ok := strings.Cut(line, " "); ok && ansi.StringWidth(mark) == 1 {
			prefix, rest = mark+" ", after
		}
		indent := ansi.StringWidth(prefix)
		if indent > width/2 {
			prefix, rest, indent = "", line, 0
		}
		var wrapped []string
		if hasWide(rest) {
			wrapped = fill(breakUnits(rest), width-indent)
		} else {
			wrapped = wordwrap(rest, width-indent)
		}
		for j := range wrapped {
			if j == 0 {
				wrapped[j] = prefix + wrapped[j]
			} else {
				wrapped[j] = strings.Repeat(" ", indent) + strings.TrimLeft(wrapped[j], " ")
			}
		}
		lines[i] = strings.Join(wrapped, "\n")
	}
	return strings.Join(lines, "\n")
}

// keepHyphen stands in for '-' while ansi.Wordwrap runs: it treats every
// hyphen as a place to break, and region and zone ids are full of them.
// U+2011, the non-breaking hyphen, is as wide and is not a breakpoint.
const keepHyphen = "\u2011"

// wordwrap breaks s into lines of at most limit cells at spaces.
func wordwrap(s string, limit int) []string {
	guarded := strings.Contains(s, "-") && !strings.Contains(s, keepHyphen)
	if guarded {
		s = strings.ReplaceAll(s, "-", keepHyphen)
	}
	out := ansi.Wordwrap(s, limit, "")
	if guarded {
		out = strings.ReplaceAll(out, keepHyphen, "-")
	}
	return strings.Split(out, "\n")
}
